package horizon.account;

import java.time.Instant;

/** A personal API token as Horizon remembers it: its name and use, never the token itself. */
public record ApiToken(long id, long accountId, long userId, String ownerEmail, String name, Instant createdAt,
                       Instant lastUsedAt, Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
