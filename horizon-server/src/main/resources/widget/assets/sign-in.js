/*
 * Horizon's widget sign-in popup: a first-party Horizon page (its own cookies work here). It hands the widget that
 * opened it a one-time code, posting only to Horizon's own exact origin, and closes.
 */
(function () {
    'use strict';
    var popup = document.getElementById('popup');
    var code = popup && popup.dataset.code;
    if (!code) {
        return;
    }
    if (!window.opener) {
        document.getElementById('handing-over').hidden = true;
        document.getElementById('no-opener').hidden = false;
        return;
    }
    window.opener.postMessage({type: 'horizon-widget-code', code: code, state: popup.dataset.state},
        window.location.origin);
    document.getElementById('handing-over').hidden = true;
    document.getElementById('done').hidden = false;
    setTimeout(function () { window.close(); }, 400);
}());
