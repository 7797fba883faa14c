package horizon.smoke;

import horizon.account.CurrentUser;
import horizon.account.SignedInUser;
import horizon.ticket.ApiError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The smoke test on the Helpdesk Configuration page (a section htmx loads and refreshes while a test runs) and in
 * the API.
 */
@Controller
@Tag(name = "Smoke test", description = "Check the integration end to end against the connected PSA")
class SmokeTestController {

    private final SmokeTests smokeTests;
    private final CurrentUser currentUser;

    SmokeTestController(SmokeTests smokeTests, CurrentUser currentUser) {
        this.smokeTests = smokeTests;
        this.currentUser = currentUser;
    }

    @GetMapping("/admin/helpdesk/smoke-test")
    String section(Model model) {
        model.addAttribute("test", smokeTests.latest(currentUser.accountId()).orElse(null));
        return "smoke/smoke-test :: section";
    }

    @PostMapping("/admin/helpdesk/smoke-test")
    String run(Model model) {
        try {
            model.addAttribute("test", smokeTests.start(currentUser.get()));
        } catch (IllegalStateException notConnected) {
            model.addAttribute("test", null);
            model.addAttribute("smokeMessage", notConnected.getMessage());
        }
        return "smoke/smoke-test :: section";
    }

    @PostMapping("/api/v1/helpdesk/smoke-test")
    @ResponseBody
    @Operation(summary = "Start a smoke test (admins); answers 202 with the test to poll")
    ResponseEntity<?> start() {
        SignedInUser user = requireAdmin();
        try {
            SmokeTest test = smokeTests.start(user);
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .location(URI.create("/api/v1/helpdesk/smoke-test/" + test.id())).body(test);
        } catch (IllegalStateException notConnected) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(new ApiError("not_connected",
                    notConnected.getMessage()));
        }
    }

    @GetMapping("/api/v1/helpdesk/smoke-test/{id}")
    @ResponseBody
    @Operation(summary = "A smoke test with each step's state, time and finding (admins)")
    ResponseEntity<?> get(@PathVariable long id) {
        SignedInUser user = requireAdmin();
        return smokeTests.find(user.accountId(), id).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(ApiError.notFound("No smoke test " + id + ".")));
    }

    private SignedInUser requireAdmin() {
        SignedInUser user = currentUser.get();
        if (!user.isAdmin()) {
            throw new AccessDeniedException("admins only");
        }
        return user;
    }
}
