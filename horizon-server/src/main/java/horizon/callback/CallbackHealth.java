package horizon.callback;

/** Callback Status's verdict; the rules are on the page ({@link CallbackStatus#RULES}). */
public enum CallbackHealth {
    GREEN, AMBER, RED,
    /** No connection: nothing to judge. */
    NONE
}
