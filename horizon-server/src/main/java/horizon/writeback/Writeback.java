package horizon.writeback;

import horizon.account.SignedInUser;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskUser;
import horizon.helpdesk.HelpdeskWrite;
import horizon.helpdesk.PicklistValue;
import horizon.mirror.MirrorWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The agent's four actions on a ticket: checked against the mirror, then the mirror's change and the outbox row in
 * one transaction, then this node's worker woken. Where the ticket changed in the PSA since the agent saw it, an
 * action goes ahead only where it still makes sense: one that would change nothing is not sent, and assigning or
 * re-stating a ticket that was completed (or whose status moved) meanwhile asks first.
 */
@Service
public class Writeback {

    static final int MAX_NOTE = 30_000;
    static final int MAX_TITLE = 250;
    static final int MAX_SUMMARY = 8_000;
    static final Duration MAX_WORKED = Duration.ofHours(24);

    private final ActionChecks checks;
    private final OutboxRepository outbox;
    private final MirrorWriter mirror;
    private final OutboxSignal signal;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Writeback(ActionChecks checks, OutboxRepository outbox, MirrorWriter mirror, OutboxSignal signal,
              PlatformTransactionManager transactionManager, Clock clock) {
        this.checks = checks;
        this.outbox = outbox;
        this.mirror = mirror;
        this.signal = signal;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * Makes {@code resourceId} the ticket's primary assignee.
     *
     * @param seen      the ticket version the agent acted on ({@link #version(HelpdeskTicket)}), null if unknown
     * @param confirmed the agent answered "yes" to the question a completed ticket raises
     */
    public ActionReceipt assign(SignedInUser user, long ticketId, long resourceId, Long roleId, String seen,
                                boolean confirmed) {
        ActionChecks.Context context = checks.context(user, ticketId);
        HelpdeskUser assignee = checks.assignee(user.accountId(), resourceId);
        checks.checkRole(user.accountId(), context.psa(), assignee, roleId);
        HelpdeskTicket ticket = context.ticket();
        if (Objects.equals(ticket.assigneeResourceId(), resourceId)
                && (roleId == null || Objects.equals(ticket.assigneeRoleId(), roleId))) {
            return ActionReceipt.unchanged("Ticket " + ticket.number() + " is already assigned to "
                    + ActionChecks.name(assignee) + ".");
        }
        if (ticket.completedAt() != null && changedSince(ticket, seen) && !confirmed) {
            throw new ActionRefused(ActionRefused.Reason.CONFIRM, "Ticket " + ticket.number() + " was completed in "
                    + context.psa().displayName() + " since you opened it. Assign it to "
                    + ActionChecks.name(assignee) + " anyway?");
        }
        HelpdeskWrite write = new HelpdeskWrite.Assign(ticketId, context.author(), resourceId, roleId);
        return queue(user, context, write, "Assign to " + ActionChecks.name(assignee),
                () -> mirror.assignLocally(user.accountId(), ticketId, resourceId, roleId));
    }

    /** Sets the ticket's status to a value of the PSA's status list (the ticket's board's, where statuses are). */
    public ActionReceipt changeStatus(SignedInUser user, long ticketId, String status, String seen,
                                      boolean confirmed) {
        ActionChecks.Context context = checks.context(user, ticketId);
        HelpdeskTicket ticket = context.ticket();
        List<PicklistValue> statuses = checks.statuses(user.accountId(), context.psa(), ticket);
        PicklistValue chosen = statuses.stream().filter(v -> v.value().equals(status)).findFirst()
                .orElseThrow(() -> new ActionRefused(ActionRefused.Reason.INVALID, "status", "\"" + status
                        + "\" is not a status ticket " + ticket.number() + " can have in "
                        + context.psa().displayName() + "."));
        if (status.equals(ticket.status())) {
            return ActionReceipt.unchanged("Ticket " + ticket.number() + " is already " + chosen.label() + ".");
        }
        if (changedSince(ticket, seen) && seen != null && !confirmed) {
            throw new ActionRefused(ActionRefused.Reason.CONFIRM, "Ticket " + ticket.number() + " changed in "
                    + context.psa().displayName() + " since you opened it (its status is now "
                    + checks.statusLabel(user.accountId(), context.psa(), ticket, ticket.status()) + "). Set it to "
                    + chosen.label() + " anyway?");
        }
        HelpdeskWrite write = new HelpdeskWrite.ChangeStatus(ticketId, context.author(), status);
        return queue(user, context, write, "Status → " + chosen.label(),
                () -> mirror.changeStatusLocally(user.accountId(), ticketId, status));
    }

    /** Adds a note to the ticket's thread, written by the agent. */
    public ActionReceipt addNote(SignedInUser user, long ticketId, String title, String text,
                                 HelpdeskWrite.NoteVisibility visibility) {
        ActionChecks.Context context = checks.context(user, ticketId);
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            throw new ActionRefused(ActionRefused.Reason.INVALID, "text", "A note needs some text.");
        }
        if (body.length() > MAX_NOTE) {
            throw new ActionRefused(ActionRefused.Reason.INVALID, "text", "A note holds at most " + MAX_NOTE
                    + " characters; this one has " + body.length() + ".");
        }
        String heading = title == null || title.isBlank() ? null : title.strip();
        if (heading != null && heading.length() > MAX_TITLE) {
            throw new ActionRefused(ActionRefused.Reason.INVALID, "title", "A note's title holds at most "
                    + MAX_TITLE + " characters.");
        }
        HelpdeskWrite.NoteVisibility shown = visibility == null ? HelpdeskWrite.NoteVisibility.INTERNAL : visibility;
        HelpdeskWrite write = new HelpdeskWrite.AddNote(ticketId, context.author(), heading, body, shown);
        return queue(user, context, write, shown.name().charAt(0) + shown.name().substring(1).toLowerCase()
                + " note: " + firstLine(body), () -> { });
    }

    /** Logs time the agent worked on the ticket, under the helpdesk user they are mapped to. */
    public ActionReceipt logTime(SignedInUser user, long ticketId, Instant start, Instant end, Long roleId,
                                 String summary) {
        ActionChecks.Context context = checks.context(user, ticketId);
        if (start == null || end == null) {
            throw new ActionRefused(ActionRefused.Reason.INVALID, "start", "Time needs a start and an end, or a "
                    + "duration.");
        }
        if (!end.isAfter(start)) {
            throw new ActionRefused(ActionRefused.Reason.INVALID, "end", "The end must be after the start.");
        }
        if (Duration.between(start, end).compareTo(MAX_WORKED) > 0) {
            throw new ActionRefused(ActionRefused.Reason.INVALID, "end", "One time entry covers at most 24 hours.");
        }
        String text = summary == null ? "" : summary.strip();
        if (text.isEmpty() || text.length() > MAX_SUMMARY) {
            throw new ActionRefused(ActionRefused.Reason.INVALID, "summary", text.isEmpty()
                    ? "Time needs a summary of the work." : "A summary holds at most " + MAX_SUMMARY + " characters.");
        }
        checks.checkRole(user.accountId(), context.psa(), context.authorUser(), roleId);
        HelpdeskWrite write = new HelpdeskWrite.LogTime(ticketId, context.author(), roleId, start, end, text);
        long minutes = Duration.between(start, end).toMinutes();
        return queue(user, context, write, "Time " + (minutes / 60) + " h " + (minutes % 60) + " min: "
                + firstLine(text), () -> { });
    }

    /** An action of the account, as it stands now. */
    public Optional<OutboxAction> action(long accountId, long id) {
        return outbox.find(accountId, id);
    }

    /** The ticket's actions, newest first. */
    public List<OutboxAction> actions(long accountId, long ticketId) {
        return outbox.forTicket(accountId, ticketId, 50);
    }

    /** The account's failed actions, newest first. */
    public List<OutboxAction> failed(long accountId) {
        return outbox.failed(accountId, 100);
    }

    /** Depth of the account's outbox: pending, failed, the oldest pending. */
    public OutboxDepth depth(long accountId) {
        OutboxRepository.Depth depth = outbox.depth(accountId);
        return new OutboxDepth(depth.pending(), depth.failed(), depth.oldestPending());
    }

    /** A failed action sent again; false when it was not failed. */
    public boolean retry(long accountId, long id) {
        boolean queued = outbox.retry(accountId, id, clock.instant());
        if (queued) {
            signal.queued();
        }
        return queued;
    }

    /** A failed action given up on; false when it was not failed. */
    public boolean drop(long accountId, long id) {
        return outbox.drop(accountId, id, clock.instant());
    }

    /** The version an agent saw, to send back with an action: the PSA's timestamp of the mirrored ticket. */
    public static String version(HelpdeskTicket ticket) {
        return ticket.remoteUpdatedAt() == null ? "" : String.valueOf(ticket.remoteUpdatedAt().toEpochMilli());
    }

    private static boolean changedSince(HelpdeskTicket ticket, String seen) {
        return seen == null || !seen.equals(version(ticket));
    }

    private ActionReceipt queue(SignedInUser user, ActionChecks.Context context, HelpdeskWrite write, String summary,
                                Runnable mirrorChange) {
        Instant now = clock.instant();
        long id = transactions.execute(status -> {
            mirrorChange.run();
            return outbox.append(user.accountId(), context.psa(), write, summary, user.userId(), now);
        });
        signal.queued();
        return ActionReceipt.queued(outbox.find(user.accountId(), id).orElseThrow());
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("").strip();
        return line.length() > 80 ? line.substring(0, 79) + "…" : line;
    }
}
