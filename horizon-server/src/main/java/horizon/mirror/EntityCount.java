package horizon.mirror;

/**
 * How many rows the mirror holds for one entity of one account, for convergence checks and status pages.
 *
 * @param entity     the entity name ({@link MirroredEntity#name()}, or {@code picklist_values})
 * @param live       rows not tombstoned
 * @param tombstoned rows the PSA deleted
 */
public record EntityCount(String entity, long live, long tombstoned) {
}
