package horizon.secret;

/**
 * One kind of stored sealed value, re-sealed by the package that owns its table: Horizon's key rotation runs every
 * implementation and never touches another package's table itself.
 */
public interface SealedValues {

    /** What these values are, for the log: "helpdesk credentials". */
    String what();

    /**
     * Opens every value not sealed with {@code box}'s current key, with whichever held key sealed it, and stores it
     * sealed again with the current key under the same associated data. A value no held key opens is counted, logged
     * and left as it is.
     */
    Resealed reseal(SecretBox box);
}
