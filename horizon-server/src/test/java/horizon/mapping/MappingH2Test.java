package horizon.mapping;

/** The mapping rules on the embedded H2 store. */
class MappingH2Test extends MappingCases {
}
