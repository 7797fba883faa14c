package horizon.simulator.autotask;

import horizon.simulator.autotask.data.ActivityGenerator;
import horizon.simulator.autotask.limit.ThreadLimiter;
import horizon.simulator.autotask.store.Actor;
import horizon.simulator.autotask.store.Database;
import horizon.simulator.autotask.store.EntitySchema;
import horizon.simulator.autotask.store.FieldDef;
import horizon.simulator.autotask.store.PicklistValue;
import horizon.simulator.autotask.store.RecordWrites;
import horizon.simulator.autotask.store.Row;
import horizon.simulator.autotask.store.RuleViolation;
import horizon.simulator.autotask.store.Schemas;
import horizon.simulator.autotask.store.Table;
import horizon.simulator.autotask.store.UdfDef;
import horizon.simulator.autotask.web.HtmlWidget;
import horizon.simulator.autotask.web.LiveLink;
import horizon.simulator.autotask.web.WebSetup;
import horizon.simulator.autotask.webhook.Webhooks;
import horizon.simulator.core.control.FaultControl;
import horizon.simulator.core.delivery.DeliveryFaults;
import horizon.simulator.core.fault.RequestFaults;
import horizon.simulator.core.http.RequestCounters;
import horizon.simulator.core.http.RequestLog;
import horizon.simulator.core.limit.RollingBudget;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The in-process control handle (the same operations as {@code /_sim/}): changes as a technician makes them in the
 * Autotask UI (they fire webhooks), faults, counters, the state dump, the activity generator, and what the web pages
 * show (HTML dashboard widgets, LiveLinks, the shared-tab setting). Changes are made by
 * the MSP's service manager unless {@link #as(long)} names another resource. Change methods throw
 * {@link RuleViolation} when Autotask's rules refuse the change.
 */
public final class SimulatorControl {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final RecordWrites writes;
    private final Database db;
    private final FaultControl faultControl;
    private final RequestFaults faults;
    private final RollingBudget budget;
    private final ThreadLimiter limiter;
    private final RequestCounters counters;
    private final Webhooks webhooks;
    private final ActivityGenerator activity;
    private final List<Long> technicians;
    private final WebSetup web;
    private final Long actingResource;

    SimulatorControl(RecordWrites writes, FaultControl faultControl, RollingBudget budget, ThreadLimiter limiter,
                     RequestCounters counters, Webhooks webhooks, ActivityGenerator activity, List<Long> technicians,
                     WebSetup web, Long actingResource) {
        this.writes = writes;
        this.db = writes.database();
        this.faultControl = faultControl;
        this.faults = faultControl.requestFaults();
        this.budget = budget;
        this.limiter = limiter;
        this.counters = counters;
        this.webhooks = webhooks;
        this.activity = activity;
        this.technicians = List.copyOf(technicians);
        this.web = web;
        this.actingResource = actingResource;
    }

    /** The same handle, making changes as the given resource (PersonID of webhooks, creator of records). */
    public SimulatorControl as(long resourceId) {
        return new SimulatorControl(writes, faultControl, budget, limiter, counters, webhooks, activity, technicians, web,
                resourceId);
    }

    private Actor actor() {
        return Actor.person(actingResource != null ? actingResource : technicians.get(0));
    }

    /** Active technicians: real resources that can be assigned and log time. */
    public List<Long> technicians() {
        return technicians;
    }

    /** A picklist code by its label, e.g. ("Tickets", "status", "In Progress"). */
    public long picklistCode(String entity, String field, String label) {
        return db.picklists().code(schema(entity).name(), field, label);
    }

    public List<PicklistValue> picklist(String entity, String field) {
        return db.picklists().values(schema(entity).name(), field);
    }

    // ---- technician changes ----

    /** Creates a ticket; omitted fields get what a technician's new-ticket form defaults to. */
    public long createTicket(Map<String, Object> fields) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("title", "New ticket");
        all.put("companyID", db.table(Schemas.COMPANIES).rows().keySet().stream().filter(id -> id != 0).findFirst().orElse(0L));
        all.put("status", db.picklists().code(Schemas.TICKETS, "status", "New"));
        all.put("priority", db.picklists().code(Schemas.TICKETS, "priority", "Medium"));
        all.put("queueID", db.picklists().code(Schemas.TICKETS, "queueID", "Level I Support"));
        all.putAll(fields);
        return create(Schemas.TICKETS, all);
    }

    public void updateTicket(long ticketId, Map<String, Object> fields) {
        update(Schemas.TICKETS, ticketId, fields);
    }

    /** Adds a note visible to all Autotask users. */
    public long addNote(long ticketId, String title, String description) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", title);
        fields.put("description", description);
        return addNote(ticketId, fields);
    }

    /** Adds a note; noteType and publish default to Task Detail and All Autotask Users. */
    public long addNote(long ticketId, Map<String, Object> fields) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("noteType", db.picklists().code(Schemas.TICKET_NOTES, "noteType", "Task Detail"));
        all.put("publish", db.picklists().code(Schemas.TICKET_NOTES, "publish", "All Autotask Users"));
        all.putAll(fields);
        all.put("ticketID", ticketId);
        return create(Schemas.TICKET_NOTES, all);
    }

    /** Logs time on a ticket for a resource with its first role, ending now. */
    public long addTimeEntry(long ticketId, long resourceId, double hours, String summaryNotes) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ticketID", ticketId);
        fields.put("resourceID", resourceId);
        fields.put("roleID", roleOf(resourceId));
        var end = db.now();
        fields.put("startDateTime", end.minus(Duration.ofMinutes(Math.round(hours * 60))));
        fields.put("endDateTime", end);
        fields.put("hoursWorked", hours);
        fields.put("summaryNotes", summaryNotes);
        return as(actingResource != null ? actingResource : resourceId).create(Schemas.TIME_ENTRIES, fields);
    }

    /** Assigns the ticket to a resource with the resource's first role. */
    public void reassign(long ticketId, long resourceId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("assignedResourceID", resourceId);
        fields.put("assignedResourceRoleID", roleOf(resourceId));
        update(Schemas.TICKETS, ticketId, fields);
    }

    public void changeStatus(long ticketId, long status) {
        update(Schemas.TICKETS, ticketId, Map.of("status", status));
    }

    /** Deletes a ticket as a person can in the UI; leaves a DeletedTicketLogs row. */
    public void deleteTicket(long ticketId) {
        writes.delete(schema(Schemas.TICKETS), ticketId, actor(), null);
    }

    /** Deletes a ticket note; leaves a DeletedTicketActivityLogs row. */
    public void deleteNote(long noteId) {
        writes.delete(schema(Schemas.TICKET_NOTES), noteId, actor(), null);
    }

    /** Deletes a time entry; leaves a DeletedTicketActivityLogs row. */
    public void deleteTimeEntry(long timeEntryId) {
        writes.delete(schema(Schemas.TIME_ENTRIES), timeEntryId, actor(), null);
    }

    /** Sets fields of any record (read-only ones too, as the system itself could); entity as Tickets or Ticket. */
    public void update(String entityType, long id, Map<String, Object> fields) {
        writes.set(schema(entityType), id, fields, actor());
    }

    /** Creates a record of any creatable entity; a child's parent id is taken from its parent field (ticketID...). */
    public long create(String entityType, Map<String, Object> fields) {
        EntitySchema schema = schema(entityType);
        ObjectNode body = MAPPER.valueToTree(fields);
        Long parentId = null;
        if (schema.isChild()) {
            Object parent = fields.get(schema.parentField());
            parentId = parent == null ? null : ((Number) parent).longValue();
        }
        return writes.create(schema, body, actor(), parentId);
    }

    /** A record as the API returns it, or empty. */
    public Optional<ObjectNode> get(String entityType, long id) {
        EntitySchema schema = schema(entityType);
        Row row = db.table(schema).get(id);
        return Optional.ofNullable(row).map(r -> db.toJson(schema, r, null));
    }

    /** The records of an entity whose field holds {@code value}, as the API returns them, by id. */
    public List<ObjectNode> records(String entityType, String field, Object value) {
        EntitySchema schema = schema(entityType);
        FieldDef def = schema.require(field);
        return db.table(schema).rows().values().stream()
                .filter(r -> Objects.equals(r.get(def), value))
                .map(r -> db.toJson(schema, r, null)).toList();
    }

    /** A random existing id of an entity, biased to the newest {@code recent} ids when recent is positive. */
    public Optional<Long> randomId(String entityType, java.util.Random random, int recent) {
        var rows = db.table(schema(entityType)).rows();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        long first = rows.firstKey();
        long last = rows.lastKey();
        long from = recent > 0 ? Math.max(first, last - recent) : first;
        long pick = from + (long) (random.nextDouble() * (last - from + 1));
        Long key = rows.ceilingKey(pick);
        return Optional.of(key == null ? last : key);
    }

    public int count(String entityType) {
        return db.table(schema(entityType)).size();
    }

    private long roleOf(long resourceId) {
        EntitySchema rr = schema(Schemas.RESOURCE_ROLES);
        FieldDef resource = rr.require("resourceID");
        FieldDef active = rr.require("isActive");
        return db.table(rr).rows().values().stream()
                .filter(r -> Objects.equals(r.get(resource), resourceId) && Boolean.TRUE.equals(r.get(active)))
                .map(r -> (Long) r.get(rr.require("roleID"))).findFirst()
                .orElseThrow(() -> new RuleViolation("The Resource " + resourceId + " has no active role."));
    }

    private EntitySchema schema(String entityType) {
        return db.schemas().byAnyName(entityType)
                .orElseThrow(() -> new IllegalArgumentException("unknown entity type " + entityType));
    }

    // ---- web pages: HTML dashboard widgets, LiveLinks ----

    /**
     * Adds an HTML dashboard widget, shown on every resource's dashboard: its markup as given, on the resource's own
     * tab, or on the shared tab when {@code shared} (rendered there only while
     * {@link #setAllowHtmlWidgetsOnSharedTabs} is on). Throws {@link IllegalArgumentException} without a title or html.
     */
    public HtmlWidget addHtmlWidget(String title, String html, boolean shared) {
        return web.addWidget(title, html, shared);
    }

    public List<HtmlWidget> htmlWidgets() {
        return web.widgets();
    }

    /** Removes a widget; false when there was none. */
    public boolean deleteHtmlWidget(long id) {
        return web.deleteWidget(id);
    }

    /**
     * Adds a LiveLink, offered on every ticket's page: {@code [TicketID]}, {@code [TicketNumber]} and
     * {@code [ResourceID]} in the URL are filled in (the simulator's names). Throws {@link IllegalArgumentException}
     * without a name or for a URL that is not absolute http(s).
     */
    public LiveLink addLiveLink(String name, String url) {
        return web.addLiveLink(name, url);
    }

    public List<LiveLink> liveLinks() {
        return web.liveLinks();
    }

    /** Removes a LiveLink; false when there was none. */
    public boolean deleteLiveLink(long id) {
        return web.deleteLiveLink(id);
    }

    /** Autotask's "allow HTML widgets on shared tabs" setting; off by default, as in Autotask. */
    public void setAllowHtmlWidgetsOnSharedTabs(boolean allow) {
        web.setAllowHtmlWidgetsOnSharedTabs(allow);
    }

    public boolean allowHtmlWidgetsOnSharedTabs() {
        return web.allowHtmlWidgetsOnSharedTabs();
    }

    // ---- faults ----

    /** While down, every REST call (zone discovery included) answers 503 with IIS's HTML page; /_sim/ keeps working. */
    public void setApiDown(boolean down) {
        faults.setApiDown(down);
    }

    public void setLatency(Duration latency) {
        faults.setLatency(latency);
    }

    public void setErrorRate(int status, double rate) {
        faults.setErrorRate(status, rate);
    }

    public void burst429(int nextRequests) {
        faults.burst429(nextRequests);
    }

    public void setHourlyBudget(int requestsPerHour) {
        budget.setThreshold(requestsPerHour);
    }

    public void setThreadLimit(int threads) {
        limiter.setLimit(threads);
    }

    /**
     * Back to a healthy service: up, no latency, no errors, no pending 429s, no aimed rules (budget and thread limit
     * unchanged).
     */
    public void clearFaults() {
        faults.clear();
    }

    /** The API's faults, for aimed rules, outages for a while and 429 storms. */
    public RequestFaults requestFaults() {
        return faults;
    }

    /** The last requests served, with their answers and whether a write was committed. */
    public RequestLog requestLog() {
        return faultControl.requestLog();
    }

    /** The current fault settings: the shared ones and Autotask's budget and thread limit. */
    public ObjectNode faults() {
        ObjectNode node = faultControl.faults();
        node.put("hourlyBudget", budget.threshold());
        node.put("threadLimit", limiter.limit());
        return node;
    }

    /** Switches for the callout details Autotask's documentation leaves open (PersonID spelling, ...). */
    public horizon.simulator.autotask.webhook.PayloadVariants webhookVariants() {
        return webhooks.variants();
    }

    /** Every webhook a client registered, with its URLs and secret. */
    public JsonNode webhooks() {
        return webhooks.registered();
    }

    /** Webhook delivery faults (drop, duplicate, reorder, delay), owned by the webhooks. */
    public DeliveryFaults webhookFaults() {
        return webhooks.faults();
    }

    // ---- counters and state ----

    public SimulatorCounters counters() {
        Map<String, Long> hooks;
        try {
            hooks = webhooks.counters();
        } catch (UnsupportedOperationException e) {
            hooks = Map.of();
        }
        return new SimulatorCounters(counters.snapshot(), limiter.peaks(), budget.used(), budget.threshold(), hooks);
    }

    /** The full state: every entity's records, the picklists, the UDF definitions and the webhooks. */
    public ObjectNode dump() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode entities = root.putObject("entities");
        for (Table table : db.tables()) {
            ArrayNode rows = entities.putArray(table.schema().name());
            for (Row row : table.rows().values()) {
                rows.add(db.toJson(table.schema(), row, null));
            }
        }
        ObjectNode picklists = root.putObject("picklists");
        db.picklists().all().forEach((entity, fields) -> {
            ObjectNode e = picklists.putObject(entity);
            fields.forEach((field, values) -> e.set(field, MAPPER.valueToTree(values)));
        });
        ObjectNode udfs = root.putObject("userDefinedFields");
        for (EntitySchema schema : db.schemas().all()) {
            if (schema.hasUdfs()) {
                ArrayNode list = udfs.putArray(schema.name());
                for (UdfDef u : schema.udfs()) {
                    list.add(u.name());
                }
            }
        }
        JsonNode hooks;
        try {
            hooks = webhooks.dump();
        } catch (UnsupportedOperationException e) {
            hooks = JsonNodeFactory.instance.nullNode();
        }
        root.set("webhooks", hooks);
        return root;
    }

    // ---- activity ----

    /** Starts (or re-paces) technicians' activity: new tickets, notes, status changes, reassignments, time. */
    public void startActivity(double actionsPerMinute) {
        activity.start(actionsPerMinute);
    }

    public void stopActivity() {
        activity.stop();
    }

    /** Actions per minute of the running generator, 0 when stopped. */
    public double activityRate() {
        return activity.rate();
    }

    /** Number of actions the generator has applied so far. */
    public long activityActions() {
        return activity.actions();
    }
}
