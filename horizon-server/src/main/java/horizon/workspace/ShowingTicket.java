package horizon.workspace;

import horizon.account.SignedInUser;
import horizon.helpdesk.HelpdeskCompany;
import horizon.helpdesk.HelpdeskContact;
import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskNote;
import horizon.helpdesk.HelpdeskTicket;
import horizon.helpdesk.HelpdeskTimeEntry;
import horizon.helpdesk.HelpdeskUser;
import horizon.helpdesk.HelpdeskWrite;
import horizon.mapping.MappingHelpdeskUsers;
import horizon.mirror.MirrorQueries;
import horizon.mirror.MirroredEntity;
import horizon.mirror.TicketDetail;
import horizon.writeback.ActionChecks;
import horizon.writeback.ActionState;
import horizon.writeback.OutboxAction;
import horizon.writeback.Writeback;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads one ticket for its page: a cheap snapshot (the mirror's ticket with notes and time, and the ticket's outbox
 * actions) that every refresh takes, and the labelled view drawn from it only when the snapshot changed.
 */
@Component
class ShowingTicket {

    /** What the page shows, before labels; {@code fingerprint} tells two snapshots apart. */
    record Snapshot(TicketDetail detail, List<OutboxAction> actions, String fingerprint) {
    }

    private final MirrorQueries mirror;
    private final Writeback writeback;
    private final ActionChecks checks;
    private final MappingHelpdeskUsers mappings;

    ShowingTicket(MirrorQueries mirror, Writeback writeback, ActionChecks checks, MappingHelpdeskUsers mappings) {
        this.mirror = mirror;
        this.writeback = writeback;
        this.checks = checks;
        this.mappings = mappings;
    }

    /** The ticket as the mirror and the outbox hold it now; empty when the account has no such live ticket. */
    Optional<Snapshot> snapshot(long accountId, long ticketId) {
        return mirror.ticketDetail(accountId, ticketId).map(detail -> {
            List<OutboxAction> actions = writeback.actions(accountId, ticketId);
            return new Snapshot(detail, actions, fingerprint(detail, actions));
        });
    }

    TicketView view(long accountId, Snapshot snapshot, TicketLabels labels) {
        HelpdeskTicket ticket = snapshot.detail().ticket();
        String company = ticket.companyId() == null ? "" : mirror.find(accountId, MirroredEntity.COMPANIES,
                ticket.companyId()).map(HelpdeskCompany::name).orElse("Company " + ticket.companyId());
        String contact = ticket.contactId() == null ? "" : mirror.find(accountId, MirroredEntity.CONTACTS,
                ticket.contactId()).map(ShowingTicket::name).orElse("Contact " + ticket.contactId());
        return new TicketView(ticket, labels.status(ticket.status()), labels.priority(ticket.priority()),
                labels.queue(ticket.queueId()), company, contact, labels.user(ticket.assigneeResourceId()),
                Times.minute(ticket.dueAt()), Times.minute(ticket.createdAt()), Times.minute(ticket.completedAt()),
                Times.minute(ticket.lastActivityAt()), thread(snapshot, labels), time(snapshot, labels),
                snapshot.actions().stream().map(ShowingTicket::row).toList(), Writeback.version(ticket),
                snapshot.fingerprint());
    }

    /** The choices of the action forms, for this agent on this ticket. */
    TicketForms forms(SignedInUser me, HelpdeskKind psa, HelpdeskTicket ticket, TicketLabels labels) {
        List<TicketLabels.Choice> assignees = new ArrayList<>();
        for (HelpdeskUser user : labels.users().values()) {
            if (!user.active()) {
                continue;
            }
            if (user.roles().isEmpty()) {
                assignees.add(new TicketLabels.Choice(String.valueOf(user.externalId()), TicketLabels.name(user)));
            } else {
                checks.roles(me.accountId(), psa, user).forEach(role -> assignees.add(new TicketLabels.Choice(
                        user.externalId() + ":" + role.roleId(), TicketLabels.name(user) + " · " + role.label())));
            }
        }
        // The current assignee's option: in their role on the ticket, else their first (the mirror may lack the role).
        String assigned = ticket.assigneeResourceId() == null ? "" : assignees.stream().map(TicketLabels.Choice::value)
                .filter(v -> v.equals(ticket.assigneeResourceId() + ":" + ticket.assigneeRoleId())).findFirst()
                .or(() -> assignees.stream().map(TicketLabels.Choice::value)
                        .filter(v -> v.equals(String.valueOf(ticket.assigneeResourceId()))
                                || v.startsWith(ticket.assigneeResourceId() + ":")).findFirst())
                .orElse("");
        Optional<HelpdeskUser> mapped = mappings.helpdeskUserOf(me.accountId(), me.userId())
                .filter(HelpdeskUser::active);
        return new TicketForms(assignees, assigned, mapped.map(user -> assignToMe(user, ticket)).orElse(null),
                checks.statuses(me.accountId(), psa, ticket),
                mapped.map(user -> checks.roles(me.accountId(), psa, user)).orElse(List.of()));
    }

    /** The agent's own option: in the role they hold in the ticket's queue, else their first, where roles exist. */
    private static String assignToMe(HelpdeskUser user, HelpdeskTicket ticket) {
        List<HelpdeskUser.Role> roles = user.roles().stream().filter(HelpdeskUser.Role::active).toList();
        if (roles.isEmpty()) {
            return String.valueOf(user.externalId());
        }
        HelpdeskUser.Role role = roles.stream().filter(r -> java.util.Objects.equals(r.queueId(), ticket.queueId()))
                .findFirst().orElse(roles.get(0));
        return user.externalId() + ":" + role.roleId();
    }

    private static List<TicketView.ThreadEntry> thread(Snapshot snapshot, TicketLabels labels) {
        record Dated(Instant at, TicketView.ThreadEntry entry) {
        }
        List<Dated> thread = new ArrayList<>();
        for (HelpdeskNote note : snapshot.detail().notes()) {
            thread.add(new Dated(note.createdAt(), new TicketView.ThreadEntry(note.title(), note.description(),
                    note.creatorResourceId() == null ? "Contact" : labels.user(note.creatorResourceId()),
                    labels.visibility(note.publish()), Times.minute(note.createdAt()), null)));
        }
        for (OutboxAction action : unsent(snapshot.actions())) {
            if (action.write() instanceof HelpdeskWrite.AddNote note) {
                thread.add(new Dated(action.createdAt(), new TicketView.ThreadEntry(note.title(), note.text(),
                        labels.user(note.author().resourceId()), note.visibility().name().toLowerCase(Locale.ROOT),
                        Times.minute(action.createdAt()), mark(action))));
            }
        }
        thread.sort(Comparator.comparing(Dated::at, Comparator.nullsFirst(Comparator.naturalOrder())));
        return thread.stream().map(Dated::entry).toList();
    }

    private static List<TicketView.TimeRow> time(Snapshot snapshot, TicketLabels labels) {
        List<TicketView.TimeRow> rows = new ArrayList<>();
        for (HelpdeskTimeEntry entry : snapshot.detail().timeEntries()) {
            String when = entry.startAt() != null ? Times.span(entry.startAt(), entry.endAt())
                    : entry.dateWorked() == null ? "" : entry.dateWorked().toString();
            rows.add(new TicketView.TimeRow(labels.user(entry.resourceId()), when,
                    entry.hoursWorked() == null ? "" : entry.hoursWorked().stripTrailingZeros().toPlainString(),
                    entry.summaryNotes(), null));
        }
        for (OutboxAction action : unsent(snapshot.actions())) {
            if (action.write() instanceof HelpdeskWrite.LogTime time) {
                rows.add(new TicketView.TimeRow(labels.user(time.author().resourceId()),
                        Times.span(time.start(), time.end()), hours(time.worked()), time.summary(), mark(action)));
            }
        }
        return rows;
    }

    /** Notes and time the PSA does not have yet, oldest first: still being sent, or failed and not given up on. */
    private static List<OutboxAction> unsent(List<OutboxAction> actions) {
        return actions.stream()
                .filter(a -> a.state() == ActionState.PENDING || a.state() == ActionState.FAILED)
                .sorted(Comparator.comparingLong(OutboxAction::id))
                .toList();
    }

    private static String mark(OutboxAction action) {
        return action.state() == ActionState.FAILED ? "failed" : "pending";
    }

    private static TicketView.ActionRow row(OutboxAction action) {
        String message = null;
        if (action.state() == ActionState.FAILED || action.retrying()) {
            message = action.psaMessage() != null && !action.psaMessage().isBlank() ? action.psaMessage()
                    : action.errorMessage();
        }
        return new TicketView.ActionRow(action.id(), action.kind().label(), action.summary(), action.stateLabel(),
                message, Times.minute(action.createdAt()), action.state() == ActionState.FAILED);
    }

    private static String hours(Duration worked) {
        return BigDecimal.valueOf(worked.toMinutes()).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }

    private static String name(HelpdeskContact contact) {
        String name = ((contact.firstName() == null ? "" : contact.firstName()) + " "
                + (contact.lastName() == null ? "" : contact.lastName())).strip();
        return name.isEmpty() ? String.valueOf(contact.email()) : name;
    }

    private static String fingerprint(TicketDetail detail, List<OutboxAction> actions) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(detail.toString().getBytes(StandardCharsets.UTF_8));
            digest.update(actions.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
