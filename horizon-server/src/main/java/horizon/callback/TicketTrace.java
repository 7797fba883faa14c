package horizon.callback;

import horizon.mirror.MirrorQueries;
import horizon.mirror.MirrorRowState;
import horizon.sync.SyncActivity;
import horizon.sync.SyncRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The admin's sequence for "this ticket isn't in Horizon", in one place: for a ticket number or id, what the mirror
 * holds, every callback about it, and the sync runs that may have written it, with a verdict in words.
 */
@Component
public class TicketTrace {

    static final int CALLBACKS_SHOWN = 100;
    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

    /**
     * A trace.
     *
     * @param asked     the number or id asked for, as typed
     * @param mirror    the ticket as the mirror holds it (tombstoned ones too), or null when it has none
     * @param callbacks calls about it, newest first
     * @param runs      sync runs that asked for it or were running when the mirror last wrote it, newest first
     * @param verdict   what it all says
     */
    public record Trace(String asked, MirrorRowState mirror, List<LoggedCall> callbacks, List<SyncRun> runs,
                        String verdict) {
    }

    private final MirrorQueries mirror;
    private final InboxRepository inbox;
    private final SyncActivity activity;

    TicketTrace(MirrorQueries mirror, InboxRepository inbox, SyncActivity activity) {
        this.mirror = mirror;
        this.inbox = inbox;
        this.activity = activity;
    }

    public Trace of(long accountId, String numberOrId) {
        String asked = numberOrId == null ? "" : numberOrId.strip();
        Long id = asked.matches("\\d{1,18}") ? Long.parseLong(asked) : null;
        Optional<MirrorRowState> held = mirror.ticketState(accountId, id, asked);
        Long externalId = held.map(MirrorRowState::externalId).orElse(id);
        String number = held.map(MirrorRowState::ticketNumber).orElse(asked);
        List<LoggedCall> calls = inbox.about(accountId, externalId, number, CALLBACKS_SHOWN);
        List<String> names = new ArrayList<>();
        names.add(asked);
        if (externalId != null) {
            names.add(Long.toString(externalId));
        }
        if (number != null && !number.isEmpty()) {
            names.add(number);
        }
        List<SyncRun> runs = activity.touching(accountId, names.stream().distinct().toList(),
                held.map(MirrorRowState::mirroredAt).orElse(null));
        return new Trace(asked, held.orElse(null), calls, runs, verdict(held.orElse(null), calls, runs));
    }

    static String verdict(MirrorRowState held, List<LoggedCall> calls, List<SyncRun> runs) {
        StringBuilder text = new StringBuilder();
        if (held == null) {
            text.append("Not in Horizon. ");
        } else if (held.deletedAt() != null) {
            text.append("In Horizon as deleted: the PSA deleted it (noticed ").append(when(held.deletedAt()))
                    .append("). ");
        } else {
            text.append("In Horizon, last written ").append(when(held.mirroredAt()))
                    .append(" from the PSA's version of ").append(when(held.remoteUpdatedAt())).append(". ");
        }
        if (calls.isEmpty()) {
            text.append("No callback about it has arrived");
            text.append(held == null ? ": the PSA did not call, or called about another record. " : ". ");
        } else {
            LoggedCall last = calls.get(0);
            text.append(calls.size()).append(calls.size() == 1 ? " callback" : " callbacks")
                    .append(" about it; the latest (#").append(last.id()).append(", ").append(when(last.receivedAt()))
                    .append(") was ").append(last.result());
            if (last.reason() != null && (last.state() == InboxState.REJECTED || last.state() == InboxState.FAILED
                    || last.state() == InboxState.IGNORED)) {
                text.append(": ").append(last.reason());
            }
            text.append(". ");
        }
        text.append(runs.isEmpty() ? "No sync run asked for it or was writing when it was last written."
                : runs.size() + (runs.size() == 1 ? " sync run" : " sync runs") + " may have written it.");
        if (held == null || held.deletedAt() != null) {
            text.append(" Sync this ticket reads it from the PSA now.");
        }
        return text.toString();
    }

    private static String when(java.time.Instant instant) {
        return instant == null ? "an unknown time" : WHEN.format(instant);
    }
}
