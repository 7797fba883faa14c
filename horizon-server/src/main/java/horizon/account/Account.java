package horizon.account;

import java.time.Instant;

/** A tenant: one MSP, its users, its helpdesk connection and everything synced for it. */
public record Account(long id, String accountKey, String name, Instant createdAt) {
}
