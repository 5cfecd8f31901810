import CLibXML2

/// An element of an untrusted XML document, copied out of libxml2 into plain values.
/// Only element structure, attributes and character data are kept; entity references are
/// never followed (see `SafeXML.parse`).
struct XMLElement: Sendable {
    let name: String          // local name, without prefix
    let namespace: String?    // namespace URI
    let attributes: [String: String]
    let children: [XMLElement]
    let text: String          // concatenated direct character data, trimmed
    let line: Int

    func child(_ localName: String) -> XMLElement? { children.first { $0.name == localName } }
    func all(_ localName: String) -> [XMLElement] { children.filter { $0.name == localName } }

    /// Every descendant (self included) with this local name, in document order.
    func descendants(_ localName: String) -> [XMLElement] {
        var found: [XMLElement] = []
        var stack: [XMLElement] = [self]
        while let element = stack.popLast() {
            if element.name == localName { found.append(element) }
            stack.append(contentsOf: element.children.reversed())
        }
        return found
    }

    func path(_ names: String...) -> XMLElement? {
        var current: XMLElement? = self
        for name in names { current = current?.child(name) }
        return current
    }
}

/// Parses untrusted XML with libxml2, defensively (PITFALLS.md): bounded input, no network,
/// no entity substitution, and any DTD refused outright — ONVIF responses never need one,
/// while DTDs are how external-entity and entity-expansion attacks get in.
enum SafeXML {
    static let maximumBytes = 5 * 1024 * 1024
    static let maximumElements = 200_000

    static func parse(_ text: String, file: String) throws(ImportError) -> XMLElement {
        if text.utf8.count > maximumBytes {
            throw .tooLarge(file: file, bytes: text.utf8.count, limit: maximumBytes)
        }
        if text.range(of: "<!DOCTYPE", options: .caseInsensitive) != nil || text.contains("<!ENTITY") {
            throw .hostileXML(file: file, reason: "the document declares a DTD or entities")
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let bytes = Array(text.utf8)
        let parsed: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlReadMemory($0, Int32(buffer.count), file, "UTF-8", options)
            }
        }
        guard let document = parsed else {
            if let error = xmlGetLastError() {
                let message = error.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "malformed XML"
                throw .syntax(file: file, line: Int(error.pointee.line), column: Int(error.pointee.int2), problem: "XML error: \(message)")
            }
            throw .syntax(file: file, line: nil, column: nil, problem: "malformed XML")
        }
        defer { xmlFreeDoc(document) }
        if document.pointee.intSubset != nil || document.pointee.extSubset != nil {
            throw .hostileXML(file: file, reason: "the document declares a DTD")
        }
        guard let root = xmlDocGetRootElement(document) else {
            throw .nothingToImport(file: file, reason: "the document has no root element")
        }
        var budget = maximumElements
        guard let element = convert(root, budget: &budget) else {
            throw .hostileXML(file: file, reason: "more than \(maximumElements) elements")
        }
        return element
    }

    private static func convert(_ node: xmlNodePtr, budget: inout Int) -> XMLElement? {
        budget -= 1
        if budget < 0 { return nil }
        var attributes: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = String(cString: current.pointee.name)
            var value = ""
            var child = current.pointee.children
            while let textNode = child {
                if textNode.pointee.type == XML_TEXT_NODE, let content = textNode.pointee.content {
                    value += String(cString: content)
                }
                child = textNode.pointee.next
            }
            attributes[name] = value
            attribute = current.pointee.next
        }
        var children: [XMLElement] = []
        var text = ""
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                guard let converted = convert(current, budget: &budget) else { return nil }
                children.append(converted)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { text += String(cString: content) }
            default:
                break   // entity references, comments, processing instructions: ignored
            }
            child = current.pointee.next
        }
        let namespace = node.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) }
        return XMLElement(name: String(cString: node.pointee.name), namespace: namespace, attributes: attributes,
                          children: children, text: text.trimmingCharacters(in: .whitespacesAndNewlines),
                          line: Int(xmlGetLineNo(node)))
    }
}

import Foundation
