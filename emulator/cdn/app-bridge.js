// A small stand-in for Shopify's App Bridge (cdn.shopify.com/shopifycloud/app-bridge.js), served
// by the emulator so the embedded admin works in an ordinary browser tab, outside Shopify's admin:
// - window.shopify: config, idToken() (minted by the emulator), toast, loading
// - fetch to the app's own origin carries the admin session token, as App Bridge adds it
// - Shopify's bounce page (/auth/session-token) and exit page (/auth/exit-iframe) are completed
// - <ui-nav-menu> renders its links as a bar across the top of the page, and a click on one
//   becomes App Bridge's `shopify:navigate` event
(function () {
  "use strict";
  var script = document.currentScript;
  var emulator = new URL(script.src).origin;
  var params = new URLSearchParams(location.search);
  var STORAGE = "laurel-emulator-app-bridge";
  var saved = {};
  try {
    saved = JSON.parse(sessionStorage.getItem(STORAGE) || "{}");
  } catch {
    saved = {};
  }
  var shop = params.get("shop") || saved.shop;
  var host = params.get("host") || saved.host;
  var locale = params.get("locale") || saved.locale || "en";
  sessionStorage.setItem(STORAGE, JSON.stringify({ shop: shop, host: host, locale: locale }));

  var cached = null;
  function idToken() {
    if (cached && cached.expires > Date.now() + 5000) return Promise.resolve(cached.token);
    if (!shop) return Promise.reject(new Error("App Bridge stand-in: no shop in the URL"));
    return window
      .__laurelOriginalFetch(emulator + "/_emulator/shops/" + encodeURIComponent(shop) + "/tokens", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ kind: "admin" }),
      })
      .then(function (response) {
        if (!response.ok) throw new Error("the emulator refused a session token: " + response.status);
        return response.json();
      })
      .then(function (body) {
        cached = { token: body.token, expires: Date.now() + 55000 };
        return body.token;
      });
  }

  window.__laurelOriginalFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var url = new URL(typeof input === "string" || input instanceof URL ? String(input) : input.url, location.href);
    if (url.origin !== location.origin) return window.__laurelOriginalFetch(input, init);
    return idToken().then(function (token) {
      var request = new Request(input, init);
      var headers = new Headers(request.headers);
      if (!headers.has("Authorization")) headers.set("Authorization", "Bearer " + token);
      return window.__laurelOriginalFetch(new Request(request, { headers: headers }));
    });
  };

  function toastHost() {
    var box = document.getElementById("laurel-emulator-toasts");
    if (!box) {
      box = document.createElement("div");
      box.id = "laurel-emulator-toasts";
      box.setAttribute("role", "status");
      box.style.cssText = "position:fixed;bottom:16px;left:50%;transform:translateX(-50%);z-index:1000";
      document.body.appendChild(box);
    }
    return box;
  }

  window.shopify = {
    config: { apiKey: script.getAttribute("data-api-key"), shop: shop, host: host, locale: locale },
    environment: { embedded: false, mobile: false, pos: false },
    idToken: idToken,
    toast: {
      show: function (message, options) {
        var item = document.createElement("div");
        item.textContent = message;
        item.style.cssText =
          "background:" +
          (options && options.isError ? "#8e1f0b" : "#303030") +
          ";color:#fff;padding:8px 16px;border-radius:8px;margin-top:8px;font:14px system-ui";
        toastHost().appendChild(item);
        setTimeout(
          function () {
            item.remove();
          },
          (options && options.duration) || 5000,
        );
        return "toast";
      },
      hide: function () {},
    },
    loading: function () {},
  };

  // Shopify's bounce page asks App Bridge for a fresh token and to reload the app with it.
  if (location.pathname === "/auth/session-token") {
    var reload = params.get("shopify-reload");
    if (reload) {
      idToken().then(function (token) {
        var target = new URL(reload, location.href);
        target.searchParams.set("id_token", token);
        location.replace(target.toString());
      });
    }
  }
  if (location.pathname === "/auth/exit-iframe") {
    var exit = params.get("exitIframe");
    if (exit) location.replace(exit);
  }

  // <ui-nav-menu>: App Bridge shows these links in the admin's sidebar; here, a bar on top.
  var style = document.createElement("style");
  style.textContent =
    "ui-nav-menu{display:flex;gap:20px;padding:10px 20px;background:#1a1a1a;font:13px system-ui}" +
    "ui-nav-menu a{color:#fff;text-decoration:none}ui-nav-menu a:hover{text-decoration:underline}" +
    "ui-nav-menu a[rel=home]{font-weight:600}";
  document.head.appendChild(style);
  // App Bridge turns a nav click into a `shopify:navigate` event on the link, which the app's
  // router handles (@shopify/shopify-app-remix's AppProvider navigates client-side).
  document.addEventListener(
    "click",
    function (event) {
      var link = event.target instanceof Element ? event.target.closest("ui-nav-menu a[href]") : null;
      if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) return;
      event.preventDefault();
      event.stopPropagation();
      link.dispatchEvent(new CustomEvent("shopify:navigate", { bubbles: true }));
    },
    true,
  );
})();
