package horizon.simulator.connectwise;

import horizon.simulator.connectwise.callback.CallbackDelivery;
import horizon.simulator.connectwise.callback.SigningKeys;
import horizon.simulator.connectwise.hosted.HostedApiSetup;
import horizon.simulator.connectwise.hosted.HostedApiSetups;
import horizon.simulator.connectwise.hosted.MemberHashes;
import horizon.simulator.connectwise.http.Accounts;
import horizon.simulator.connectwise.rest.Listing;
import horizon.simulator.connectwise.rest.RestRequest;
import horizon.simulator.connectwise.rest.RestResponse;
import horizon.simulator.connectwise.rest.Target;
import horizon.simulator.connectwise.rest.Writes;
import horizon.simulator.connectwise.store.Actor;
import horizon.simulator.connectwise.store.CwStore;
import horizon.simulator.connectwise.store.Kind;
import horizon.simulator.connectwise.store.Permission;
import horizon.simulator.core.activity.ActivityLoop;
import horizon.simulator.core.control.FaultControl;
import horizon.simulator.core.http.RequestCounters;
import horizon.simulator.core.limit.RollingBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The in-process control handle of a simulated ConnectWise (the same operations as {@code /_sim/}): changes as a
 * technician makes them in the ConnectWise UI, through the same rules as the API, so they call back; faults;
 * counters; the state dump; the registered callbacks with their signing key; permissions and clientIds; the activity
 * generator; the Manage Hosted API setup records and memberHashes of the screens that frame integrations. Changes
 * are made by the first technician unless {@link #as(long)} names another member.
 */
public final class ConnectWiseControl {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What the control acts on, shared by every {@link #as(long)} view. */
    record Parts(CwStore store, Listing listing, Writes writes, Accounts accounts, FaultControl faults,
                 RollingBudget perMinute, RequestCounters requests, CallbackDelivery delivery, SigningKeys keys,
                 ActivityLoop activity, List<Long> technicians, String keyUrlBase, String companyId,
                 HostedApiSetups hostedApis, MemberHashes memberHashes) {
    }

    private final Parts parts;
    private final Actor actor;

    ConnectWiseControl(Parts parts, Actor actor) {
        this.parts = parts;
        this.actor = actor;
    }

    /** The same handle, making changes as the given member (MemberId of callbacks, updatedBy of records). */
    public ConnectWiseControl as(long memberId) {
        ObjectNode member = parts.store().get(Kind.MEMBERS, memberId)
                .orElseThrow(() -> new IllegalArgumentException("no member " + memberId));
        return new ConnectWiseControl(parts, new Actor(memberId, member.get("identifier").asString()));
    }

    /** Active technicians' member ids. */
    public List<Long> technicians() {
        return parts.technicians();
    }

    // ---- changes, as a technician in the ConnectWise UI ----

    /** Opens a ticket; omitted fields get the board's defaults (first client company, first service board). */
    public long createTicket(Map<String, Object> fields) {
        ObjectNode body = MAPPER.valueToTree(fields);
        if (!body.has("company")) {
            parts.store().rows(Kind.COMPANIES).values().stream().skip(1).findFirst()
                    .ifPresent(c -> body.putObject("company").put("id", c.get("id").asLong()));
        }
        if (!body.has("summary")) {
            body.put("summary", "New ticket");
        }
        return call("POST", List.of("service", "tickets"), body).get("id").asLong();
    }

    /** Changes top-level fields of any writable record, as a PATCH of replace operations. */
    public ObjectNode update(Kind kind, long id, Map<String, Object> fields) {
        ArrayNode ops = NODES.arrayNode();
        fields.forEach((field, value) -> ops.addObject().put("op", "replace").put("path", field)
                .set("value", MAPPER.valueToTree(value)));
        return ((ObjectNode) call("PATCH", itemPath(kind, id), ops)).deepCopy();
    }

    public ObjectNode changeStatus(long ticketId, long statusId) {
        return update(Kind.TICKETS, ticketId, Map.of("status", Map.of("id", statusId)));
    }

    public ObjectNode assign(long ticketId, long memberId) {
        return update(Kind.TICKETS, ticketId, Map.of("owner", Map.of("id", memberId)));
    }

    /** Adds a note to a ticket: internal, or on the discussion (customer-facing). */
    public long addNote(long ticketId, String text, boolean internal) {
        ObjectNode body = NODES.objectNode();
        body.put("text", text);
        body.put("detailDescriptionFlag", !internal);
        body.put("internalAnalysisFlag", internal);
        return call("POST", List.of("service", "tickets", String.valueOf(ticketId), "notes"), body).get("id").asLong();
    }

    public long addTimeEntry(long ticketId, long memberId, double hours, String notes) {
        ObjectNode body = NODES.objectNode();
        body.put("chargeToType", "ServiceTicket");
        body.put("chargeToId", ticketId);
        body.putObject("member").put("id", memberId);
        body.put("timeStart", horizon.simulator.connectwise.store.Timestamps.format(
                parts.store().clock().now().minusSeconds(Math.round(hours * 3600))));
        body.put("actualHours", hours);
        body.put("notes", notes);
        return call("POST", List.of("time", "entries"), body).get("id").asLong();
    }

    /** Creates any writable record (tickets, notes under their ticket, time entries, companies, contacts). */
    public long create(Kind kind, long parentId, Map<String, Object> fields) {
        List<String> path = new ArrayList<>();
        for (String segment : kind.path()) {
            path.add(segment.equals("*") ? String.valueOf(parentId) : segment);
        }
        return call("POST", path, MAPPER.valueToTree(fields)).get("id").asLong();
    }

    /** Deletes a ticket with its notes and time entries, as an admin can in the UI (callbacks fire for each). */
    public void deleteTicket(long ticketId) {
        parts.store().write(() -> {
            for (Long noteId : List.copyOf(parts.store().rows(Kind.NOTES, ticketId).keySet())) {
                parts.store().delete(Kind.NOTES, noteId, actor);
            }
            for (ObjectNode entry : List.copyOf(parts.store().rows(Kind.TIME_ENTRIES).values())) {
                if (entry.path("chargeToId").asLong() == ticketId
                        && entry.path("chargeToType").asString().equals("ServiceTicket")) {
                    parts.store().delete(Kind.TIME_ENTRIES, entry.get("id").asLong(), actor);
                }
            }
            return parts.store().delete(Kind.TICKETS, ticketId, actor);
        });
    }

    public void delete(Kind kind, long parentId, long id) {
        List<String> path = new ArrayList<>(parentPath(kind, parentId));
        path.add(String.valueOf(id));
        call("DELETE", path, null);
    }

    /** A copy of a record: stored records are never changed in place, so callers get their own. */
    public Optional<ObjectNode> get(Kind kind, long id) {
        return parts.store().get(kind, id).map(ObjectNode::deepCopy);
    }

    /** All records of a collection, by id. */
    public List<ObjectNode> records(Kind kind) {
        return parts.store().rows(kind).values().stream().map(ObjectNode::deepCopy).toList();
    }

    /** The id of a board's status by name, for tests and scripts. */
    public long statusId(long boardId, String name) {
        return parts.store().rows(Kind.BOARD_STATUSES, boardId).values().stream()
                .filter(s -> s.get("name").asString().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no status " + name + " on board " + boardId))
                .get("id").asLong();
    }

    /** A random record id of a collection, among the newest {@code recent} when positive (for the activity). */
    public Optional<Long> randomId(Kind kind, Random random, int recent) {
        List<Long> ids = new ArrayList<>(parts.store().rows(kind).keySet());
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        int from = recent > 0 ? Math.max(0, ids.size() - recent) : 0;
        return Optional.of(ids.get(from + random.nextInt(ids.size() - from)));
    }

    // ---- Manage Hosted API: setup records and member authentication ----

    /**
     * Adds a Manage Hosted API setup record, as an admin does under System › Setup Tables: a {@code ServiceTicket}
     * record becomes a pod on every ticket's screen, a {@code CustomMenu} one a menu entry. The URL may hold
     * {@code [cw_id]} and {@code [cw_screen]}; {@code origin} is the integration's origin (a trailing slash and a
     * default port are dropped). Throws {@link IllegalArgumentException} for a missing description, a URL that is not
     * absolute http(s), something other than an origin, or a height outside 1 to 2000.
     */
    public HostedApiSetup addHostedApiSetup(String description, HostedApiSetup.Screen screen, String url, String origin,
                                            int podHeight) {
        return parts.hostedApis().add(description, screen, url, origin, podHeight);
    }

    /** {@link #addHostedApiSetup(String, HostedApiSetup.Screen, String, String, int)} with the default height, 300. */
    public HostedApiSetup addHostedApiSetup(String description, HostedApiSetup.Screen screen, String url, String origin) {
        return addHostedApiSetup(description, screen, url, origin, HostedApiSetup.DEFAULT_POD_HEIGHT);
    }

    /** Every setup record, by id. */
    public List<HostedApiSetup> hostedApiSetups() {
        return parts.hostedApis().all();
    }

    public Optional<HostedApiSetup> hostedApiSetup(long id) {
        return parts.hostedApis().get(id);
    }

    /** Removes a setup record; false when there was none. */
    public boolean deleteHostedApiSetup(long id) {
        return parts.hostedApis().delete(id);
    }

    /**
     * Mints a memberHash for a member without a page, valid for an hour, as a screen does on every load: confirm it
     * with {@code GET system/myAccount} and the headers {@code x-cw-usertype: member}, {@code x-cw-memberhash}.
     */
    public String mintMemberHash(long memberId) {
        return parts.memberHashes().mint(memberId).value();
    }

    /** {@link #mintMemberHash(long)} for the member with that identifier (ignoring case). */
    public String mintMemberHash(String memberIdentifier) {
        return mintMemberHash(memberId(memberIdentifier));
    }

    /** The minted hash with its member and expiry. */
    public MemberHashes.MemberHash mintMemberHashRecord(long memberId) {
        return parts.memberHashes().mint(memberId);
    }

    /** Every memberHash minted so far stops confirming, as an hour passing would. */
    public void expireMemberHashes() {
        parts.memberHashes().expireAll();
    }

    /** A member's id by its identifier, ignoring case. */
    public long memberId(String memberIdentifier) {
        return parts.store().rows(Kind.MEMBERS).values().stream()
                .filter(m -> m.path("identifier").asString("").equalsIgnoreCase(memberIdentifier)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no member " + memberIdentifier)).get("id").asLong();
    }

    // ---- faults, limits, permissions ----

    public FaultControl faults() {
        return parts.faults();
    }

    public void setRequestsPerMinute(int limit) {
        parts.perMinute().setThreshold(limit);
    }

    /** Grants or withdraws a permission of a security role (the API member's role is {@link ConnectWiseSimulator#apiRoleId()}). */
    public void setPermission(long roleId, Permission permission, boolean granted) {
        parts.accounts().setPermission(roleId, permission, granted);
    }

    /** As ConnectWise does with a clientId it believes compromised. */
    public void disableClientId(String clientId, boolean disabled) {
        parts.accounts().disableClientId(clientId, disabled);
    }

    /** Replaces the callback signing key now; the old one stays fetchable for a while. */
    public String rotateSigningKey() {
        return parts.keys().rotate().id();
    }

    // ---- what happened ----

    /** Requests by endpoint and status, requests in the current minute, and callback delivery counters. */
    public ObjectNode counters() {
        ObjectNode node = NODES.objectNode();
        node.set("requests", MAPPER.valueToTree(parts.requests().snapshot()));
        node.put("requestsThisMinute", parts.perMinute().used());
        node.put("requestsPerMinute", parts.perMinute().threshold());
        node.put("peakInFlight", parts.requests().peakInFlight());
        node.set("callbacks", MAPPER.valueToTree(parts.delivery().counters()));
        return node;
    }

    /** Callback delivery counters: delivered, failedAttempts, retried, givenUp, suppressed, faults, disabled. */
    /** Switches a callback off as ConnectWise does after three days of failed deliveries (counted as disabled). */
    public void disableCallback(long callbackId) {
        parts.delivery().disable(callbackId);
    }

    public Map<String, Long> callbackCounters() {
        return parts.delivery().counters();
    }

    /**
     * Every registered callback with its URL, and the signing key in use with its key URL, so a test can sign
     * deliveries of its own.
     */
    public ObjectNode callbacks() {
        ObjectNode node = NODES.objectNode();
        ArrayNode list = node.putArray("callbacks");
        parts.store().rows(Kind.CALLBACKS).values().forEach(c -> list.add(c.deepCopy()));
        SigningKeys.Key key = parts.keys().current();
        ObjectNode signing = node.putObject("signingKey");
        signing.put("id", key.id());
        signing.put("signingKey", key.signingKey());
        signing.put("keyUrl", parts.keyUrlBase() + "?companyName=" + parts.companyId() + "&id=" + key.id());
        return node;
    }

    /** The full state: every collection's records. */
    public ObjectNode dump() {
        ObjectNode root = NODES.objectNode();
        ObjectNode collections = root.putObject("collections");
        for (Kind kind : Kind.values()) {
            ArrayNode rows = collections.putArray(String.join("/", kind.path()));
            parts.store().rows(kind).values().forEach(r -> rows.add(r.deepCopy()));
        }
        return root;
    }

    public void startActivity(double actionsPerMinute) {
        parts.activity().start(actionsPerMinute);
    }

    public void stopActivity() {
        parts.activity().stop();
    }

    public double activityRate() {
        return parts.activity().rate();
    }

    public long activityActions() {
        return parts.activity().actions();
    }

    private JsonNode call(String method, List<String> path, JsonNode body) {
        Target target = Target.of(path).orElseThrow(() -> new IllegalArgumentException("no collection at " + path));
        RestRequest request = new RestRequest(method, path, Map.of(), body, actor, false, "", null);
        RestResponse response = switch (method) {
            case "POST" -> parts.writes().create(request, target);
            case "PATCH" -> parts.writes().patch(request, target);
            case "DELETE" -> parts.writes().delete(request, target);
            default -> throw new IllegalArgumentException(method);
        };
        return response.body();
    }

    private List<String> itemPath(Kind kind, long id) {
        if (kind == Kind.NOTES) {
            ObjectNode note = parts.store().get(Kind.NOTES, id).orElseThrow(() -> new IllegalArgumentException("no note " + id));
            List<String> path = new ArrayList<>(parentPath(kind, note.get("ticketId").asLong()));
            path.add(String.valueOf(id));
            return path;
        }
        List<String> path = new ArrayList<>(kind.path());
        path.add(String.valueOf(id));
        return path;
    }

    private static List<String> parentPath(Kind kind, long parentId) {
        List<String> path = new ArrayList<>();
        for (String segment : kind.path()) {
            path.add(segment.equals("*") ? String.valueOf(parentId) : segment);
        }
        return path;
    }
}
