package horizon.simulator.connectwise.hosted;

import horizon.simulator.connectwise.store.CwStore;
import horizon.simulator.connectwise.store.Kind;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * The memberHash values Manage hands a pod through {@code getMemberAuthentication}: opaque random values, minted for
 * one member (on every page load, or by a test), valid for an hour on the simulator's clock, and confirmed through
 * {@code GET system/myAccount} with {@code x-cw-usertype: member} and {@code x-cw-memberhash}.
 */
public final class MemberHashes {
    public static final Duration VALIDITY = Duration.ofHours(1);

    /**
     * One minted hash.
     *
     * @param value            the opaque value (43 URL-safe characters)
     * @param memberId         the member it stands for
     * @param memberIdentifier the member's identifier
     * @param expiresAt        when it stops confirming
     */
    public record MemberHash(String value, long memberId, String memberIdentifier, Instant expiresAt) {
    }

    private final CwStore store;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, MemberHash> hashes = new ConcurrentHashMap<>();

    public MemberHashes(CwStore store) {
        this.store = store;
    }

    /** Mints a hash for a member, whatever its state (a page refuses inactive members before it mints). */
    public MemberHash mint(long memberId) {
        ObjectNode member = store.get(Kind.MEMBERS, memberId)
                .orElseThrow(() -> new IllegalArgumentException("no member " + memberId));
        Instant now = store.clock().now();
        hashes.values().removeIf(h -> !h.expiresAt().isAfter(now));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        MemberHash hash = new MemberHash(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), memberId,
                member.get("identifier").asString(), now.plus(VALIDITY));
        hashes.put(hash.value(), hash);
        return hash;
    }

    /** The member a hash stands for, as stored now; empty for an unknown or expired hash. */
    public Optional<ObjectNode> confirm(String value) {
        if (value == null) {
            return Optional.empty();
        }
        MemberHash hash = hashes.get(value.trim());
        if (hash == null || !hash.expiresAt().isAfter(store.clock().now())) {
            return Optional.empty();
        }
        return store.get(Kind.MEMBERS, hash.memberId()).map(ObjectNode::deepCopy);
    }

    /** Lets every hash minted so far expire now, as an hour passing would. */
    public void expireAll() {
        hashes.clear();
    }
}
