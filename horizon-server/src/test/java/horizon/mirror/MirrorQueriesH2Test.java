package horizon.mirror;

/** The mirror's read side on the embedded H2 store (PostgreSQL mode). */
class MirrorQueriesH2Test extends MirrorQueriesCases {
}
