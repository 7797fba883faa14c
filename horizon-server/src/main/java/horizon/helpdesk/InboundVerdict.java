package horizon.helpdesk;

import java.util.List;

/** What an adapter made of one inbound call: accepted with what it announces, or rejected with why. */
public sealed interface InboundVerdict {

    SignatureVerdict signature();

    /**
     * A call proven to come from the account's PSA.
     *
     * @param notices what it announces (one for a PSA that sends one change per call)
     */
    record Accepted(SignatureVerdict signature, List<CallbackNotice> notices) implements InboundVerdict {
        public Accepted {
            notices = List.copyOf(notices);
        }
    }

    /**
     * A call that is not processed.
     *
     * @param status the HTTP status to answer: 400 malformed, 401 signature not proven
     * @param reason what was wrong, for the Callback Log (never a secret)
     * @param notice what the call claimed, as far as it could be read (for the log's entity and id); null when nothing
     */
    record Rejected(SignatureVerdict signature, int status, String reason, CallbackNotice notice)
            implements InboundVerdict {
    }
}
