import XCTest
@testable import Assessment
