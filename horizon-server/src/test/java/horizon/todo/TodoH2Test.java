package horizon.todo;

/** Todos on the embedded H2 store (PostgreSQL mode). */
class TodoH2Test extends TodoCases {
}
