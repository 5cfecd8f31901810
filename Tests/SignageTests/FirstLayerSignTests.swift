import DeploymentModel
import Foundation
import Rules
@testable import Signage
import XCTest

/// The first-layer signs of the examples: every required element is in the SVG text, French
/// signs carry no English, the geometry meets the legibility floor.
final class FirstLayerSignTests: XCTestCase {
    /// Elements every sign carries whatever the regime (EDPB 3/2019 § 114 and their counterparts).
    static let base: [SignElementKind] = [.pictogram, .controller, .purposes, .mostImpactful, .retention, .rights, .contact, .secondLayer]

    func testEveryElementOfEverySignIsInTheSVGText() throws {
        let cases: [(String, Language)] = [("massy-city", .fr), ("massy-city", .en), ("mall-visitor-analytics", .fr),
                                           ("mall-visitor-analytics", .en), ("construction-timelapse", .en),
                                           ("ontario-bookshop", .en), ("ontario-bookshop", .fr)]
        for (example, language) in cases {
            let loaded = try SignageFixtures.example(example)
            let signs = try SignageFixtures.signs(loaded, language)
            XCTAssertFalse(signs.isEmpty, example)
            for sign in signs {
                let svg = try SignageFixtures.svg(sign)
                let reader = SVGReader(svg: svg)
                let context = "\(example) \(language) \(sign.name)"
                for kind in Self.base {
                    XCTAssertNotNil(sign.element(kind), "\(context) lacks \(kind)")
                }
                XCTAssertNotNil(reader.attribute("height", ofId: "pictogram"), context)
                for element in sign.elements where element.kind != .pictogram {
                    let text = try XCTUnwrap(reader.text(of: element.kind.rawValue), "\(context): no SVG group for \(element.kind)")
                    let compact = text.filter { !$0.isWhitespace }
                    for item in element.items {
                        XCTAssertTrue(compact.contains(item.text.filter { !$0.isWhitespace }), "\(context): '\(item.text)' not in the SVG (\(text))")
                    }
                    if !element.heading.isEmpty { XCTAssertTrue(text.contains(element.heading), "\(context): heading \(element.heading) not in « \(text) »") }
                }
                let controllerHeading = try XCTUnwrap(sign.element(.controller)?.heading)
                XCTAssertEqual(reader.text(of: "controller"), controllerHeading + " " + loaded.document.deployment.controller.name, context)
                XCTAssertEqual(svg.contains("<svg id=\"qr\""), sign.secondLayerURL != nil, context)
            }
        }
    }

    func testMassyFrenchSignsSayWhatFrenchLawAsks() throws {
        let signs = try SignageFixtures.signs(try SignageFixtures.example("massy-city"), .fr)
        let texts = try signs.map { SVGReader(svg: try SignageFixtures.svg($0)) }
        XCTAssertTrue(signs.allSatisfy { $0.regime == .gdpr })
        // Public-road cameras: the video-protection mention of the CSI.
        let csi = texts.compactMap { $0.text(of: "csi_panonceau") }
        XCTAssertFalse(csi.isEmpty)
        XCTAssertTrue(csi.allSatisfy { $0.contains("vidéoprotection") && $0.contains("L. 251-1") && $0.contains("+33") }, "\(csi)")
        XCTAssertTrue(texts.allSatisfy { $0.text(of: "rights")?.contains("CNIL") == true })
        // Illegal dumping is offence detection by the commune: police-directive rights on its signs.
        for (sign, reader) in zip(signs, texts) {
            XCTAssertEqual(reader.text(of: "rights")?.contains("directive (UE) 2016/680") == true, sign.purposes.contains("illegal-dumping"), sign.name)
        }
        XCTAssertTrue(texts.allSatisfy { $0.text(of: "contact")?.contains("dpo@massy.example") == true })
        XCTAssertTrue(texts.allSatisfy { $0.text(of: "second_layer")?.contains("massy.example/videoprotection") == true })
        XCTAssertTrue(texts.allSatisfy { $0.text(of: "retention")?.contains("jours") == true })
        // Crowd density analyses people: the algorithmic-analysis mention (CNIL 2022) is there.
        let crowd = try XCTUnwrap(signs.first { $0.purposes.contains("crowd-density") })
        XCTAssertTrue(crowd.element(.algorithmicAnalysis)?.items.first?.text.contains("densité de foule") == true)
        // Nothing in Massy recognises emotions or categorises people.
        XCTAssertTrue(signs.allSatisfy { $0.element(.aiActNotice) == nil })
    }

    func testOneSignPerGroupOfCamerasNotPerCamera() throws {
        let loaded = try SignageFixtures.example("massy-city")
        let signs = try SignageFixtures.signs(loaded, .en)
        let cameras = loaded.document.cameras
        XCTAssertLessThan(signs.count, cameras.count / 4)
        let covered = signs.flatMap(\.cameras)
        XCTAssertEqual(covered.count, Set(covered).count, "a camera is on two signs")
        XCTAssertEqual(Set(covered), Set(cameras.map(\.id)))
        // Cameras with the same purposes in the same kind of zone share one sign.
        for sign in signs {
            let members = cameras.filter { sign.cameras.contains($0.id) }
            XCTAssertEqual(Set(members.map { Set($0.purposes) }).count, 1, sign.name)
        }
        // …and one sign per purpose set: no two signs with the same purposes and the same content.
        for (a, b) in zip(signs, signs.dropFirst()) where a.purposes == b.purposes { XCTAssertNotEqual(a.elements, b.elements) }
    }

    func testQuebecAndPIPEDAVariants() throws {
        let mall = try SignageFixtures.signs(try SignageFixtures.example("mall-visitor-analytics"), .fr)
        for sign in mall {
            let reader = SVGReader(svg: try SignageFixtures.svg(sign))
            XCTAssertEqual(sign.regime, .qc)
            XCTAssertTrue(reader.allText.contains("Zone sous surveillance vidéo"))
            XCTAssertTrue(reader.text(of: "rights")?.contains("Commission d'accès à l'information") == true)
            XCTAssertTrue(reader.text(of: "contact")?.contains("Marie Tremblay") == true)
            XCTAssertNil(sign.element(.csiPanonceau))
            XCTAssertNil(sign.element(.aiActNotice))
            // Counting silhouettes neither identifies, locates nor profiles: no s. 8.1 mention.
            XCTAssertNil(sign.element(.qcTechnology))
        }
        // Licence-plate reading at a Québec car park does: s. 8.1 mention.
        let plates = try SignageFixtures.variant("mall-visitor-analytics", [
            ("kind: line-crossing, description: {en: Person silhouettes crossing the door line in each direction., fr: Silhouettes de personnes franchissant la ligne de la porte dans chaque sens.}, subjects: [person]",
             "kind: lpr, description: Plates read at the car-park door., subjects: [licence-plate]")])
        let lpr = try XCTUnwrap(SignageFixtures.signs(plates, .fr).first { $0.element(.qcTechnology) != nil })
        XCTAssertTrue(lpr.element(.qcTechnology)!.items[0].text.contains("identifier ou localiser"), "\(lpr.element(.qcTechnology)!)")
        // Ontario: PIPEDA, complaint to the OPC.
        let ontario = try SignageFixtures.variant("mall-visitor-analytics", [("jurisdictions: [CA, CA-QC]", "jurisdictions: [CA]")])
        for sign in try SignageFixtures.signs(ontario, .en) {
            XCTAssertEqual(sign.regime, .pipeda)
            XCTAssertTrue(SVGReader(svg: try SignageFixtures.svg(sign)).text(of: "rights")?.contains("Office of the Privacy Commissioner of Canada") == true)
        }
    }

    func testAIActArticle50NoticeFromItsDateOfApplication() throws {
        let categorising = try SignageFixtures.variant("mall-visitor-analytics", [
            ("jurisdictions: [CA, CA-QC]", "jurisdictions: [EU, FR]"),
            ("kind: dwell,", "kind: attribute-estimation,")])
        let after = try SignageFixtures.signs(categorising, .fr)
        let notice = try XCTUnwrap(after.first { $0.element(.aiActNotice) != nil }, "no Art. 50(3) notice")
        let text = try XCTUnwrap(SVGReader(svg: try SignageFixtures.svg(notice, size: .a4)).text(of: "ai_act_notice"))
        XCTAssertTrue(text.contains("catégorisation biométrique") && text.contains("art. 50, § 3"), text)
        let before = try SignageFixtures.signs(categorising, .fr, date: DateText.parse("2026-07-01")!)
        XCTAssertTrue(before.allSatisfy { $0.element(.aiActNotice) == nil })
    }

    func testTheRefusalNamesARuleThatExists() throws {
        for prohibition in SignageFixtures.tables.requirements.prohibited {
            let pack = SignageFixtures.root.appendingPathComponent("rules/ai-act/\(prohibition.rule).yaml")
            let text = try String(contentsOf: pack, encoding: .utf8)
            for reference in prohibition.refs { XCTAssertTrue(text.contains(reference.article), "\(prohibition.rule) does not cite \(reference.article)") }
            XCTAssertTrue(text.contains("applies_from: \"\(prohibition.appliesFrom)\""), prohibition.rule)
        }
    }

    func testProhibitedEmotionRecognitionAtWorkGetsNoSign() throws {
        let workplace = try SignageFixtures.variant("mall-visitor-analytics", [
            ("jurisdictions: [CA, CA-QC]", "jurisdictions: [EU, FR]"), ("sector: retail", "sector: workplace"),
            ("kind: dwell,", "kind: emotion,")])
        XCTAssertThrowsError(try SignageFixtures.signs(workplace, .fr)) { error in
            guard case SignageError.prohibited(let rule, let feature, let article, let position) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(rule, "AI-PROHIBITED-002")
            XCTAssertEqual(feature, "food-court-dwell")
            XCTAssertTrue(article.contains("Art. 5(1)(f)"))
            XCTAssertEqual(position?.file, "variant.yaml")
            XCTAssertTrue("\(error)".contains("see finding AI-PROHIBITED-002"), "\(error)")
        }
        // The same feature in a shop is not prohibited (Art. 50(3) notice instead).
        let shop = try SignageFixtures.variant("mall-visitor-analytics", [
            ("jurisdictions: [CA, CA-QC]", "jurisdictions: [EU, FR]"), ("kind: dwell,", "kind: emotion,")])
        XCTAssertTrue(try SignageFixtures.signs(shop, .fr).contains { $0.element(.aiActNotice)?.items.first?.fact == "ai-act:emotion" })
    }

    /// English words that must not appear on a French sign (the test's own list, independent of
    /// the label table's markers).
    static let englishWords: Set<String> = ["the", "and", "of", "with", "for", "from", "by", "your", "rights", "purpose", "purposes",
                                            "retention", "controller", "kept", "people", "camera", "cameras", "analysis", "software",
                                            "full", "information:", "counting", "detection", "images kept", "contact:", "officer",
                                            "complaint", "access", "area", "monitored", "recording", "only", "at", "most", "days"]

    func testFrenchSignsHaveNoEnglish() throws {
        let construction = try SignageFixtures.variant("construction-timelapse", [
            ("site office and the site gate panel", "bureau du chantier et panneau de l'entrée du chantier")])
        for loaded in [try SignageFixtures.example("massy-city"), try SignageFixtures.example("mall-visitor-analytics"), construction] {
            for sign in try SignageFixtures.signs(loaded, .fr) {
                let text = SVGReader(svg: try SignageFixtures.svg(sign)).allText.lowercased()
                let words = Set(text.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == "." || $0 == "(" || $0 == ")" }).map(String.init))
                let english = words.intersection(Self.englishWords)
                XCTAssertTrue(english.isEmpty, "\(sign.name): English words \(english.sorted()) in « \(text) »")
                XCTAssertFalse(text.contains("images kept"))
            }
        }
    }

    func testEnglishFreeTextRefusedOnAFrenchSign() throws {
        let loaded = try SignageFixtures.example("construction-timelapse")
        XCTAssertThrowsError(try SignageFixtures.signs(loaded, .fr)) { error in
            guard case SignageError.notInLanguage(let field, _, let language, let position) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "cameras[0].signage.second_layer_place")
            XCTAssertEqual(language, "fr")
            XCTAssertEqual(position?.line, SignageFixtures.firstLine(containing: "second_layer_place", in: "construction-timelapse"))
        }
        XCTAssertNoThrow(try SignageFixtures.signs(loaded, .en))
    }

    func testLegibilityFromTheSVGGeometry() throws {
        let capHeight = SignLayout.capHeightPerEm
        for example in ["massy-city", "mall-visitor-analytics"] {
            for language in Language.allCases {
                for sign in try SignageFixtures.signs(try SignageFixtures.example(example), language) {
                    let reader = SVGReader(svg: try SignageFixtures.svg(sign, size: .a5))
                    let context = "\(example) \(language) \(sign.name)"
                    XCTAssertEqual(reader.attribute("viewBox", ofId: "pictogram"), "0 0 100 100")
                    let pictogram = try XCTUnwrap(Double(reader.attribute("height", ofId: "pictogram") ?? ""))
                    XCTAssertGreaterThanOrEqual(pictogram * 0.96, 10, "\(context): pictogram \(pictogram) mm")
                    let sizes = reader.fontSizes
                    XCTAssertFalse(sizes.isEmpty)
                    let role = sign.element(.controller)?.heading
                    for entry in sizes where entry.group == "controller" && entry.text != role {
                        XCTAssertGreaterThanOrEqual(entry.size * capHeight, 10, "\(context): controller capitals under 10 mm")
                    }
                    XCTAssertTrue(sizes.contains { $0.group == "controller" && $0.text != role }, context)
                    for entry in sizes {
                        XCTAssertGreaterThanOrEqual(entry.size * capHeight, 3, "\(context): '\(entry.text)' capitals under 3 mm")
                    }
                    // The page is A5 in millimetres.
                    XCTAssertTrue(reader.svg.contains("width=\"148.00mm\" height=\"210.00mm\" viewBox=\"0 0 148.00 210.00\""), context)
                }
            }
        }
    }

    func testBadInputIsRefusedBeforeAnythingIsProduced() throws {
        let massy = try SignageFixtures.example("massy-city")
        XCTAssertThrowsError(try SignageFixtures.signs(massy, .en, .camera("cam-999"))) {
            XCTAssertTrue("\($0)".hasPrefix("no camera 'cam-999' in the deployment; hint:"), "\($0)")
        }
        XCTAssertThrowsError(try SignageFixtures.signs(massy, .en, .site("nowhere"))) {
            XCTAssertTrue("\($0)".hasPrefix("no site 'nowhere' in the deployment; hint: sites are avenue-carnot"), "\($0)")
        }
        XCTAssertEqual(try SignageFixtures.signs(massy, .en, .site("avenue-carnot")).flatMap(\.cameras).count,
                       massy.document.cameras.filter { $0.site == "avenue-carnot" }.count)
        for example in ["vtest-plaza", "noncompliant-store"] {
            XCTAssertThrowsError(try SignageFixtures.signs(try SignageFixtures.example(example), .en)) { error in
                guard case SignageError.noSecondLayer = error else { return XCTFail("\(example): \(error)") }
                XCTAssertTrue("\(error)".contains("deployment.yaml:"), "\(error)")
            }
        }
    }
}
