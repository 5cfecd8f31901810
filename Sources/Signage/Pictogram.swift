/// The camera pictogram, drawn by the tool (no image file): a surveillance camera on a wall
/// bracket, black on the sign's yellow band, in a 100 × 100 box.
enum Pictogram {
    static let body = """
    <rect x="2" y="2" width="96" height="96" rx="10" fill="#ffffff" stroke="#000000" stroke-width="4"/>\
    <path d="M14 30 L62 18 L70 46 L22 58 Z" fill="#000000"/>\
    <path d="M62 18 L78 22 L84 44 L70 46 Z" fill="#000000"/>\
    <circle cx="77" cy="33" r="5" fill="#ffffff"/>\
    <rect x="36" y="54" width="8" height="22" fill="#000000"/>\
    <rect x="22" y="74" width="36" height="8" fill="#000000"/>\
    <path d="M84 34 L94 28 M84 40 L96 40 M84 46 L94 52" stroke="#000000" stroke-width="3" stroke-linecap="round"/>
    """
}
