package horizon.secret;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Re-seals every stored sealed value with the newest master key, table by table, each by the package that owns it
 * ({@link SealedValues}). Run after a new key became HORIZON_MASTER_KEY and the old one went to
 * HORIZON_PREVIOUS_MASTER_KEYS; once nothing is left under the old key, the old key can be dropped. Running it again
 * re-seals nothing that is already current, so an interrupted rotation is finished by running it again.
 */
@Service
public class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    private final List<SealedValues> sealedValues;
    private final SecretBox box;

    KeyRotation(List<SealedValues> sealedValues, SecretBox box) {
        this.sealedValues = List.copyOf(sealedValues);
        this.box = box;
    }

    /** Re-seals everything with this node's sealing key. */
    public Rotation rotate() {
        return rotate(box);
    }

    /** The same with another box (tests hold rings the node does not). */
    Rotation rotate(SecretBox with) {
        log.info("key rotation: re-sealing every stored secret with master key {}", with.keyId());
        List<Resealed> tables = new ArrayList<>();
        for (SealedValues values : sealedValues) {
            Resealed done = values.reseal(with);
            log.info("key rotation: {} resealed={} current={} unreadable={}", done.what(), done.resealed(),
                    done.current(), done.unreadable().size());
            tables.add(done);
        }
        Rotation rotation = new Rotation(with.keyId(), tables);
        if (rotation.complete()) {
            log.info("key rotation finished: every stored secret is sealed with master key {} ({} re-sealed now)",
                    rotation.keyId(), rotation.resealed());
        } else {
            log.warn("key rotation finished with {} secret(s) that no held key opens, left as they were: {}",
                    rotation.unreadable().size(), String.join("; ", rotation.unreadable()));
        }
        return rotation;
    }

    /**
     * What a rotation did, per kind of value.
     *
     * @param keyId  the key everything readable is now sealed with
     * @param tables one entry per kind of value
     */
    public record Rotation(String keyId, List<Resealed> tables) {

        public Rotation {
            tables = List.copyOf(tables);
        }

        public int resealed() {
            return tables.stream().mapToInt(Resealed::resealed).sum();
        }

        public int current() {
            return tables.stream().mapToInt(Resealed::current).sum();
        }

        /** Every value no held key opens, named "what: record". */
        public List<String> unreadable() {
            return tables.stream().flatMap(t -> t.unreadable().stream().map(u -> t.what() + ": " + u)).toList();
        }

        /** True when every stored value now opens with the current key. */
        public boolean complete() {
            return tables.stream().allMatch(t -> t.unreadable().isEmpty());
        }
    }
}
