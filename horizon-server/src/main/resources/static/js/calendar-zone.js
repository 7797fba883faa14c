// The calendar was drawn in UTC because the address named no zone: draw it again in the browser's.
(function () {
    'use strict';
    var zone = window.Intl && Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && zone !== 'UTC') {
        var url = new URL(window.location.href);
        url.searchParams.set('zone', zone);
        window.location.replace(url.toString());
    }
})();
