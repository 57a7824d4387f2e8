// Quotewright browser bridge: gives the page the same window.go bindings and window.runtime that the desktop
// window has, carried over HTTP (calls) and server-sent events (runtime events). The page's code is unchanged.
(() => {
  const methods = /*METHODS*/[];

  // The bridge's own messages, in the page's language (the app sets <html lang>).
  const ja = () => document.documentElement.lang === 'ja';
  const say = {
    unreachable: () =>
      ja()
        ? 'Quotewright に接続できません。`quotewright serve` が動いているか確認してください。'
        : 'Quotewright is not reachable: is `quotewright serve` still running?',
    expired: () =>
      ja()
        ? 'このページのアクセス期限が切れました（Quotewright が再起動されたか、別のアドレスが開かれました）。`quotewright serve` が表示したアドレスを開き直してください。'
        : "This page's access has ended (Quotewright was restarted, or another address was opened). Open the address `quotewright serve` printed again.",
  };

  async function call(name, args) {
    let res;
    try {
      res = await fetch('/qw/call', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name, args }),
      });
    } catch (e) {
      throw { code: 'unavailable', message: say.unreachable(), fields: [] };
    }
    if (res.status === 401) {
      throw { code: 'unauthorized', message: say.expired(), fields: [] };
    }
    let body = null;
    try {
      body = await res.json();
    } catch (e) {
      throw { code: 'internal', message: `${res.status} ${res.statusText}`, fields: [] };
    }
    if (!res.ok || (body && body.error)) {
      throw (body && body.error) || { code: 'internal', message: `${res.status} ${res.statusText}`, fields: [] };
    }
    return body.result;
  }

  const go = {};
  for (const name of methods) {
    const [pkg, service, method] = name.split('.');
    go[pkg] = go[pkg] || {};
    go[pkg][service] = go[pkg][service] || {};
    go[pkg][service][method] = (...args) => call(name, args);
  }
  window.go = go;

  // Event listeners by name: { callback, remaining } where remaining < 0 means unlimited.
  const listeners = new Map();
  function dispatch(name, data) {
    const list = listeners.get(name);
    if (!list) return;
    for (const l of [...list]) {
      try {
        l.callback(...data);
      } catch (e) {
        console.error(e);
      }
      if (l.remaining > 0 && --l.remaining === 0) off(name, l);
    }
  }
  function off(name, l) {
    const list = listeners.get(name);
    if (!list) return;
    const i = list.indexOf(l);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) listeners.delete(name);
  }

  let source = null;
  function connect() {
    source = new EventSource('/qw/events');
    source.onmessage = (e) => {
      const m = JSON.parse(e.data);
      dispatch(m.name, m.data || []);
    };
  }
  connect();

  const log = (level) => (message) => console[level]('[quotewright]', message);
  window.runtime = {
    EventsOnMultiple(name, callback, maxCallbacks) {
      const l = { callback, remaining: maxCallbacks };
      if (!listeners.has(name)) listeners.set(name, []);
      listeners.get(name).push(l);
      return () => off(name, l);
    },
    EventsOff(name, ...more) {
      for (const n of [name, ...more]) listeners.delete(n);
    },
    EventsOffAll() {
      listeners.clear();
    },
    EventsEmit(name, ...data) {
      dispatch(name, data);
    },
    LogPrint: log('log'),
    LogTrace: log('debug'),
    LogDebug: log('debug'),
    LogInfo: log('info'),
    LogWarning: log('warn'),
    LogError: log('error'),
    LogFatal: log('error'),
    WindowSetTitle(title) {
      document.title = title;
    },
    WindowReload() {
      location.reload();
    },
    WindowReloadApp() {
      location.reload();
    },
    BrowserOpenURL(url) {
      window.open(url, '_blank', 'noopener');
    },
    Environment() {
      return Promise.resolve({ buildType: 'production', platform: 'browser', arch: '' });
    },
    ClipboardSetText(text) {
      return navigator.clipboard.writeText(text).then(() => true, () => false);
    },
    ClipboardGetText() {
      return navigator.clipboard.readText();
    },
    Quit() {
      if (source) source.close();
    },
  };
})();
