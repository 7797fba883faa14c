package horizon.simulator.autotask.rest;

import horizon.simulator.autotask.store.Database;
import horizon.simulator.autotask.store.EntitySchema;
import horizon.simulator.autotask.store.Row;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;

/** The {@code items} of a query page, streamed straight from the rows when the response is written. */
record RowArray(Database db, EntitySchema schema, List<Row> rows, Set<String> include) implements JacksonSerializable {

    @Override
    public void serialize(JsonGenerator g, SerializationContext context) {
        g.writeStartArray();
        for (Row row : rows) {
            db.writeJson(g, schema, row, include);
        }
        g.writeEndArray();
    }

    @Override
    public void serializeWithType(JsonGenerator g, SerializationContext context, TypeSerializer typeSerializer) {
        serialize(g, context);
    }
}
