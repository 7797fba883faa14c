// The host side of ConnectWise Manage's Hosted API pod protocol, as the simulator's screens run it. Messages are JSON
// strings. A message counts only when it comes from one of this screen's frames and from that frame's setup origin;
// answers go to that origin only, never to '*'. What happens is listed in #hosted-api-log (one li per step, with
// data-kind sent | received | ignored | refreshed | failed and data-frame), so a browser test can follow it.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('cw-hosted-config').textContent);
  var log = document.getElementById('hosted-api-log');
  var frames = config.frames.map(function (f) {
    return { frameId: f.frameId, origin: f.origin, element: document.getElementById(f.frameId) };
  });

  function note(kind, frameId, text) {
    var item = document.createElement('li');
    item.setAttribute('data-kind', kind);
    item.setAttribute('data-frame', frameId || '');
    item.textContent = kind + (frameId ? ' [' + frameId + ']' : '') + ': ' + text;
    log.appendChild(item);
  }

  function post(frame, message) {
    var text = JSON.stringify(message);
    frame.element.contentWindow.postMessage(text, frame.origin);
    note('sent', frame.frameId, text);
  }

  function refresh(frame) {
    var summary = document.getElementById('ticket-summary');
    if (!summary || !config.summaryUrl) {
      note('ignored', frame.frameId, 'refreshScreen: this screen has no ticket summary to reload');
      return;
    }
    fetch(config.summaryUrl, { cache: 'no-store', credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.text();
    }).then(function (html) {
      summary.innerHTML = html; // escaped by the simulator
      var count = Number(summary.getAttribute('data-refreshes') || '0') + 1;
      summary.setAttribute('data-refreshes', String(count));
      note('refreshed', frame.frameId, 'ticket summary reloaded (' + count + ')');
    }).catch(function (error) {
      note('failed', frame.frameId, 'refreshScreen: ' + error.message);
    });
  }

  window.addEventListener('message', function (event) {
    var frame = null;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].element && frames[i].element.contentWindow === event.source) {
        frame = frames[i];
      }
    }
    if (frame === null) {
      note('ignored', null, 'a message from a window that is not one of this screen\'s frames');
      return;
    }
    if (event.origin !== frame.origin) {
      note('ignored', frame.frameId, 'origin ' + event.origin + ' is not the setup\'s ' + frame.origin);
      return;
    }
    if (typeof event.data !== 'string') {
      note('ignored', frame.frameId, 'the message is not a JSON string');
      return;
    }
    var message;
    try {
      message = JSON.parse(event.data);
    } catch (e) {
      note('ignored', frame.frameId, 'the message is not JSON');
      return;
    }
    if (message === null || typeof message !== 'object' || Array.isArray(message)) {
      note('ignored', frame.frameId, 'the message is not a JSON object');
      return;
    }
    note('received', frame.frameId, event.data);
    if (message.message === 'ready') {
      post(frame, { MessageFrameID: frame.frameId });
      post(frame, { event: 'onLoad', data: config.onLoad });
      return;
    }
    var request = typeof message.hosted_request === 'string' ? message.hosted_request
      : typeof message.message === 'string' ? message.message : '';
    if (message.frameID !== undefined && message.frameID !== frame.frameId) {
      note('ignored', frame.frameId, 'frameID ' + message.frameID + ' is not this frame\'s');
      return;
    }
    switch (request.toLowerCase()) {
      case 'getmemberauthentication':
        if (message.frameID !== frame.frameId) {
          note('ignored', frame.frameId, 'getMemberAuthentication without this frame\'s frameID');
          return;
        }
        post(frame, { response: 'getmemberauthentication', data: config.member });
        return;
      case 'refreshscreen':
        refresh(frame);
        return;
      case 'setdirty':
        note('ignored', frame.frameId, 'setDirty: the simulated screen keeps no unsaved state');
        return;
      default:
        note('ignored', frame.frameId, 'unknown request ' + JSON.stringify(request));
    }
  });
}());
