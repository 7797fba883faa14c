package horizon.secret;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The master keys a node holds: the first seals and opens, the others only open what they sealed before a rotation.
 * An envelope names its key by id, so opening never has to try keys in turn.
 */
public final class MasterKeyRing {

    private final MasterKey sealing;
    private final Map<String, MasterKey> byId;
    private final List<String> ids;

    private MasterKeyRing(List<MasterKey> keys) {
        Map<String, MasterKey> held = new LinkedHashMap<>();
        for (MasterKey key : keys) {
            MasterKey same = held.putIfAbsent(key.id(), key);
            if (same != null && !same.sameBytes(key)) {
                // Two keys whose SHA-256 start alike: an envelope could not say which one sealed it.
                throw new MasterKeyProblem("Two different master keys share the id " + key.id()
                        + "; replace one (generate it with: openssl rand -base64 32)");
            }
        }
        this.sealing = keys.get(0);
        this.byId = Map.copyOf(held);
        this.ids = List.copyOf(held.keySet());
    }

    /** A ring of one key, which seals and opens. */
    public static MasterKeyRing of(MasterKey sealing) {
        return new MasterKeyRing(List.of(sealing));
    }

    /** {@code sealing} seals; {@code opening} only open (a key given twice is held once). */
    public static MasterKeyRing of(MasterKey sealing, List<MasterKey> opening) {
        List<MasterKey> keys = new ArrayList<>();
        keys.add(sealing);
        keys.addAll(opening);
        return new MasterKeyRing(keys);
    }

    /** The key new envelopes are sealed with. */
    public MasterKey sealing() {
        return sealing;
    }

    /** The key with this id, if the node holds it. */
    Optional<MasterKey> key(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The ids of the keys held, the sealing key's first: what a message may name, never the keys themselves. */
    public List<String> ids() {
        return ids;
    }

    @Override
    public String toString() {
        return "MasterKeyRing" + ids;
    }
}
