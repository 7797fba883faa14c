package horizon.sync;

import horizon.helpdesk.configuration.HelpdeskConnected;
import horizon.helpdesk.configuration.HelpdeskConnectionStopped;
import horizon.helpdesk.configuration.HelpdeskSettingsSaved;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What changes an account's schedule from outside the sync engine: a connection stored or working again, new sync
 * settings (make it due now), a connection stopped on a permanent failure (nothing scheduled until it works again).
 */
@Component
class SyncTriggers {

    private final SyncingAccount syncing;

    SyncTriggers(SyncingAccount syncing) {
        this.syncing = syncing;
    }

    @EventListener
    void connected(HelpdeskConnected event) {
        syncing.dueNow(event.accountId());
    }

    @EventListener
    void settingsSaved(HelpdeskSettingsSaved event) {
        syncing.dueNow(event.accountId());
    }

    @EventListener
    void stopped(HelpdeskConnectionStopped event) {
        syncing.unschedule(event.accountId());
    }
}
