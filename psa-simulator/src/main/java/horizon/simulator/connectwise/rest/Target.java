package horizon.simulator.connectwise.rest;

import horizon.simulator.connectwise.store.Kind;
import java.util.List;
import java.util.Optional;

/**
 * What a REST path names: a collection (under a parent for children), one record, its count or its search.
 *
 * @param kind     the collection
 * @param parentId the parent record's id for child collections, else 0
 * @param id       the record's id for {@link Shape#ITEM}, else 0
 * @param shape    list, item, count or search
 */
public record Target(Kind kind, long parentId, long id, Shape shape) {

    /** Which face of the collection. */
    public enum Shape { LIST, ITEM, COUNT, SEARCH }

    /** Matches path segments after apis/3.0 against the served collections, ignoring case. */
    public static Optional<Target> of(List<String> path) {
        for (Kind kind : Kind.values()) {
            List<String> pattern = kind.path();
            if (path.size() < pattern.size() || path.size() > pattern.size() + 1) {
                continue;
            }
            long parentId = 0;
            boolean matches = true;
            for (int i = 0; i < pattern.size() && matches; i++) {
                if (pattern.get(i).equals("*")) {
                    Long number = number(path.get(i));
                    matches = number != null;
                    parentId = matches ? number : 0;
                } else {
                    matches = pattern.get(i).equalsIgnoreCase(path.get(i));
                }
            }
            if (!matches) {
                continue;
            }
            if (path.size() == pattern.size()) {
                return Optional.of(new Target(kind, parentId, 0, Shape.LIST));
            }
            String last = path.get(pattern.size());
            if (last.equalsIgnoreCase("count")) {
                return Optional.of(new Target(kind, parentId, 0, Shape.COUNT));
            }
            if (last.equalsIgnoreCase("search")) {
                return Optional.of(new Target(kind, parentId, 0, Shape.SEARCH));
            }
            Long id = number(last);
            if (id != null) {
                return Optional.of(new Target(kind, parentId, id, Shape.ITEM));
            }
        }
        return Optional.empty();
    }

    private static Long number(String segment) {
        try {
            return Long.parseLong(segment);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
