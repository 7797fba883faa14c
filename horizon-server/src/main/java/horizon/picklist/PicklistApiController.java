package horizon.picklist;

import horizon.helpdesk.PicklistDefinition;
import horizon.account.CurrentUser;
import horizon.helpdesk.PicklistValue;
import horizon.mirror.MirrorQueries;
import horizon.mirror.PicklistField;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** REST view of the account's mirrored picklists. */
@RestController
@RequestMapping("/api/v1/picklists")
@Tag(name = "Picklists", description = "The PSA's picklists as mirrored: statuses, priorities, queues, types…")
class PicklistApiController {

    private final MirrorQueries mirror;
    private final CurrentUser currentUser;
    private final PicklistVocabulary vocabulary;

    PicklistApiController(MirrorQueries mirror, CurrentUser currentUser, PicklistVocabulary vocabulary) {
        this.mirror = mirror;
        this.currentUser = currentUser;
        this.vocabulary = vocabulary;
    }

    /** One value; {@code parentValue} names the parent value of a dependent picklist (sub-issue type). */
    record ValueJson(String value, String label, boolean active, boolean isDefault, int sortOrder,
                     String parentValue) {
        static ValueJson of(PicklistValue v) {
            return new ValueJson(v.value(), v.label(), v.active(), v.defaultValue(), v.sortOrder(),
                    v.parentValue() == null || v.parentValue().isBlank() ? null : v.parentValue());
        }
    }

    /** One picklist field with every value, inactive ones included. */
    record PicklistJson(String entity, String field, String label, PicklistDefinition.Role role, Instant refreshedAt,
                        List<ValueJson> values) {
        static PicklistJson of(PicklistNames names, PicklistField f) {
            return new PicklistJson(f.entity(), f.field(), names.fieldLabel(f.entity(), f.field()),
                    names.role(f.entity(), f.field()), f.refreshedAt(), f.values().stream().map(ValueJson::of).toList());
        }
    }

    /** Every picklist of the account. */
    record PicklistListJson(List<PicklistJson> items) {
    }

    /** An error answer. */
    record ErrorJson(String error, String message) {
    }

    @GetMapping
    @Operation(summary = "Every mirrored picklist with its values")
    PicklistListJson list() {
        PicklistNames names = vocabulary.names(currentUser.accountId());
        return new PicklistListJson(mirror.picklists(currentUser.accountId()).stream()
                .map(f -> PicklistJson.of(names, f)).toList());
    }

    @GetMapping("/{entity}/{field}")
    @Operation(summary = "One picklist field, e.g. Tickets/status")
    @ApiResponse(responseCode = "200", description = "The picklist")
    @ApiResponse(responseCode = "404", description = "No such picklist mirrored for this account")
    ResponseEntity<?> one(@PathVariable @Parameter(description = "PSA entity, e.g. Tickets") String entity,
                          @PathVariable @Parameter(description = "field, e.g. status") String field) {
        PicklistNames names = vocabulary.names(currentUser.accountId());
        return mirror.picklists(currentUser.accountId()).stream()
                .filter(f -> f.entity().equals(entity) && f.field().equals(field))
                .findFirst()
                .<ResponseEntity<?>>map(f -> ResponseEntity.ok(PicklistJson.of(names, f)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ErrorJson("not_found",
                        "No picklist " + entity + "." + field + " is mirrored for this account")));
    }
}
