package horizon.mapping;

import horizon.account.CurrentUser;
import horizon.account.HorizonUser;
import horizon.account.SignedInUser;
import horizon.helpdesk.HelpdeskUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** REST view of the account's helpdesk users with their mapping; admins bind and unbind them here too. */
@RestController
@RequestMapping("/api/v1/helpdesk-users")
@Tag(name = "Helpdesk users", description = "PSA resources from the mirror and the Horizon user each is mapped to")
class HelpdeskUserApiController {

    private final MappingHelpdeskUsers mapping;
    private final CurrentUser currentUser;

    HelpdeskUserApiController(MappingHelpdeskUsers mapping, CurrentUser currentUser) {
        this.mapping = mapping;
        this.currentUser = currentUser;
    }

    /** A Horizon user as this API names it. */
    record HorizonUserJson(long id, String email, String displayName, String role) {
        static HorizonUserJson of(HorizonUser user) {
            return user == null ? null : new HorizonUserJson(user.id(), user.email(), user.displayName(),
                    user.role().name());
        }
    }

    /** A binding: the Horizon user, when and by whom. */
    record MappingJson(HorizonUserJson horizonUser, Instant mappedAt, String mappedBy) {
    }

    /** A helpdesk user with its mapping (null when unmapped) and, when unmapped, the suggestion by e-mail. */
    record HelpdeskUserJson(long externalId, String username, String firstName, String lastName, String email,
                            boolean active, String licenseType, String userType, List<HelpdeskUser.Role> roles,
                            MappingJson mapping, HorizonUserJson suggestion) {
        static HelpdeskUserJson of(MappedHelpdeskUser m) {
            HelpdeskUser u = m.helpdeskUser();
            return new HelpdeskUserJson(u.externalId(), u.username(), u.firstName(), u.lastName(), u.email(),
                    u.active(), u.licenseType(), u.userType(), u.roles(),
                    m.mapped() ? new MappingJson(HorizonUserJson.of(m.mappedTo()), m.mappedAt(), m.mappedBy()) : null,
                    HorizonUserJson.of(m.suggestion()));
        }
    }

    /** The list, with the number of active helpdesk users that have no Horizon user. */
    record HelpdeskUserListJson(List<HelpdeskUserJson> items, long unmappedActiveCount) {
    }

    /** The PUT body. */
    record MappingRequest(Long horizonUserId) {
    }

    /** An error answer. */
    record ErrorJson(String error, String message) {
    }

    @GetMapping
    @Operation(summary = "Every helpdesk user in the mirror (active and inactive) with its mapping")
    HelpdeskUserListJson list() {
        List<HelpdeskUserJson> items = mapping.allHelpdeskUsers(currentUser.accountId()).stream()
                .map(HelpdeskUserJson::of).toList();
        long unmapped = items.stream().filter(u -> u.active() && u.mapping() == null).count();
        return new HelpdeskUserListJson(items, unmapped);
    }

    @GetMapping("/{externalId}")
    @Operation(summary = "One helpdesk user with its mapping")
    @ApiResponse(responseCode = "404", description = "No such helpdesk user in this account")
    HelpdeskUserJson one(@PathVariable @Parameter(description = "the PSA's resource id") long externalId) {
        return HelpdeskUserJson.of(mapping.helpdeskUser(currentUser.accountId(), externalId));
    }

    @PutMapping("/{externalId}/mapping")
    @Operation(summary = "Map the helpdesk user to a Horizon user (admin only)",
            description = "Replaces the helpdesk user's mapping. A Horizon user maps to one helpdesk user at most: "
                    + "409 when it is mapped to another.")
    @ApiResponse(responseCode = "200", description = "Mapped; the helpdesk user with its new mapping")
    @ApiResponse(responseCode = "400", description = "horizonUserId missing or not a user of this account")
    @ApiResponse(responseCode = "403", description = "The token's user is not an admin")
    @ApiResponse(responseCode = "404", description = "No such helpdesk user in this account")
    @ApiResponse(responseCode = "409", description = "The Horizon user is mapped to another helpdesk user")
    ResponseEntity<?> put(@PathVariable long externalId, @RequestBody MappingRequest body) {
        SignedInUser me = currentUser.get();
        if (!me.isAdmin()) {
            return forbidden();
        }
        if (body == null || body.horizonUserId() == null) {
            return ResponseEntity.badRequest().body(new ErrorJson("invalid", "horizonUserId is required"));
        }
        MappedHelpdeskUser bound = mapping.bind(me.accountId(), externalId, body.horizonUserId(), me.userId());
        return ResponseEntity.ok(HelpdeskUserJson.of(bound));
    }

    @DeleteMapping("/{externalId}/mapping")
    @Operation(summary = "Remove the helpdesk user's mapping (admin only)")
    @ApiResponse(responseCode = "204", description = "Not mapped (any more)")
    @ApiResponse(responseCode = "403", description = "The token's user is not an admin")
    @ApiResponse(responseCode = "404", description = "No such helpdesk user in this account")
    ResponseEntity<?> delete(@PathVariable long externalId) {
        SignedInUser me = currentUser.get();
        if (!me.isAdmin()) {
            return forbidden();
        }
        mapping.unbind(me.accountId(), externalId, me.userId());
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(MappingRefused.class)
    ResponseEntity<ErrorJson> refused(MappingRefused e) {
        HttpStatus status = switch (e.reason()) {
            case HELPDESK_USER_UNKNOWN -> HttpStatus.NOT_FOUND;
            case HORIZON_USER_UNKNOWN, INVALID -> HttpStatus.BAD_REQUEST;
            case HORIZON_USER_TAKEN, NOT_APPLICABLE -> HttpStatus.CONFLICT;
        };
        String error = switch (e.reason()) {
            case HELPDESK_USER_UNKNOWN -> "not_found";
            case HORIZON_USER_UNKNOWN, INVALID -> "invalid";
            case HORIZON_USER_TAKEN, NOT_APPLICABLE -> "conflict";
        };
        return ResponseEntity.status(status).body(new ErrorJson(error, e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorJson> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(new ErrorJson("invalid",
                "The body must be a JSON object like {\"horizonUserId\": 42}"));
    }

    private static ResponseEntity<?> forbidden() {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(Map.of("error", "forbidden", "message", "Only an admin can change user mappings"));
    }
}
