package horizon.callback;

import horizon.helpdesk.CallbackNotice;
import horizon.helpdesk.HelpdeskEntity;
import horizon.helpdesk.SignatureVerdict;
import java.time.Instant;

/**
 * One row of the callback inbox (and Callback Log) as written at the door.
 *
 * @param notice what the call announced, or as much as could be read of a rejected one (null when nothing)
 */
record InboxRow(long accountId, Instant receivedAt, String psa, CallbackNotice notice, SignatureVerdict signature,
                int httpStatus, InboxState state, String reason, String payload, String headers) {

    HelpdeskEntity entity() {
        return notice == null ? null : notice.entity();
    }
}
