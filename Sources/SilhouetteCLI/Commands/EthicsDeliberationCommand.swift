import ArgumentParser
import Foundation
import Store

struct EthicsDeliberationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliberation",
        abstract: "Record how the committee reached an opinion: meeting, quorum, votes, dissent, documents, chair.",
        discussion: """
        OPINION is the opinion id (OP-<n>, printed by `ethics opinion`). The committee declares \
        its quorum rule with --quorum N (at least N members able to vote); members who withdrew \
        for a conflict of interest (--conflict, repeatable) are present but neither count nor \
        vote. Every voting member votes for, against or abstains (--votes FOR:AGAINST:ABSTAIN \
        must add up to them); a vote against needs the dissent in writing (--dissent). The \
        chair must be among those present and signs the record. Refused with one line and exit \
        2, nothing recorded: an unknown opinion, a quorum not reached, votes that do not add \
        up, a vote against without dissent, no document reviewed. The ethics report shows the \
        latest record of each opinion; an opinion given on another controller's submission \
        shows its quorum and votes but not its dissent or documents.

        Example:
          silhouette ethics deliberation OP-1 --meeting-date 2026-11-20 \\
            --present "A. Martin, B. Okafor, C. Diallo, D. Roux" --quorum 3 --votes 2:1:0 --conflict "D. Roux" \\
            --dissent "C. Diallo: a six-month trial would have been enough" \\
            --document "PIA massy-urban, model sha256:9f2c…" --document "Vendor note on the density model" --chair "A. Martin"
        """)

    @Argument(help: "The opinion id (OP-<n>).") var opinion: String
    @Option(help: "Day of the meeting, YYYY-MM-DD.") var meetingDate: String
    @Option(help: "Comma-separated names of the members present.") var present: String
    @Option(help: "The quorum rule: at least N members able to vote.") var quorum: Int
    @Option(help: "Votes as FOR:AGAINST:ABSTAIN, e.g. 3:1:0.") var votes: String
    @Option(help: "The dissenting reasons (required when someone voted against).") var dissent: String?
    @Option(help: "A member present who withdrew for a conflict of interest (repeatable).") var conflict: [String] = []
    @Option(help: "A document the committee reviewed, e.g. the PIA and its model hash (repeatable).") var document: [String] = []
    @Option(help: "The member who chaired and signs.") var chair: String
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let counts = votes.split(separator: ":", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard counts.count == 3, let votesFor = counts[0], let against = counts[1], let abstain = counts[2] else {
            throw ValidationError("--votes '\(votes)' is not FOR:AGAINST:ABSTAIN; hint: e.g. --votes 3:1:0")
        }
        let store = try storeOptions.openForWriting()
        let record = try store.record(
            EthicsDeliberation(opinionId: opinion, meetingDate: meetingDate,
                               present: present.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
                               quorum: quorum, votesFor: votesFor, votesAgainst: against, abstentions: abstain, dissent: dissent,
                               conflicts: conflict, documents: document, chair: chair, recordedAt: Date()),
            actor: StoreLocation.currentActor())
        print("\(record.id) deliberation of \(record.opinionId) on \(record.meetingDate): \(record.votesFor) for, \(record.votesAgainst) against, \(record.abstentions) abstaining")
    }
}
