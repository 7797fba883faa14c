package horizon.sync;

import static horizon.sync.SyncRunRepository.column;
import static horizon.sync.SyncRunRepository.read;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** When each recurring sync job (poll, reconciliation) last ran per account, so the dispatcher knows what is due. */
@Repository
class SyncScheduleRepository {

    private final JdbcClient jdbc;

    SyncScheduleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Instant> lastRun(long accountId, String job) {
        return jdbc.sql("select last_run_at from sync_schedule where account_id = :accountId and job = :job")
                .param("accountId", accountId).param("job", job)
                .query((rs, n) -> read(rs, "last_run_at")).optional();
    }

    void stamp(long accountId, String job, Instant at) {
        if (update(accountId, job, at) == 0) {
            try {
                jdbc.sql("insert into sync_schedule (account_id, job, last_run_at) values (:accountId, :job, :at)")
                        .param("accountId", accountId).param("job", job).param("at", column(at)).update();
            } catch (org.springframework.dao.DuplicateKeyException stampedMeanwhile) {
                update(accountId, job, at); // another writer inserted the row first: this stamp is the later one
            }
        }
    }

    private int update(long accountId, String job, Instant at) {
        return jdbc.sql("update sync_schedule set last_run_at = :at where account_id = :accountId and job = :job")
                .param("accountId", accountId).param("job", job).param("at", column(at)).update();
    }
}
