package horizon.secret;

import java.util.List;

/**
 * What re-sealing one kind of value did.
 *
 * @param what       the values, as {@link SealedValues#what()} names them
 * @param resealed   values opened with an older key and stored sealed with the current one
 * @param current    values already sealed with the current key (or replaced meanwhile by a node sealing with it)
 * @param unreadable the values no held key opens, each named by its record (never by its content); left as they are
 */
public record Resealed(String what, int resealed, int current, List<String> unreadable) {

    public Resealed {
        unreadable = List.copyOf(unreadable);
    }
}
