/* Shared by the portal's XBlocks: JSON calls to a handler with Django's CSRF token. */
window.TdlXBlock = window.TdlXBlock || {
  csrfToken: function (element) {
    var holder = element.closest("[data-csrf-token]");
    if (holder) return holder.getAttribute("data-csrf-token");
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  },
  call: function (runtime, element, handler, data) {
    return fetch(runtime.handlerUrl(element, handler), {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "X-CSRFToken": window.TdlXBlock.csrfToken(element),
        "X-Requested-With": "XMLHttpRequest"
      },
      body: JSON.stringify(data || {})
    }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
  },
  say: function (element, selector, text, isError) {
    var box = element.querySelector(selector);
    if (!box) return;
    box.textContent = text || "";
    box.classList.toggle("error", !!isError);
  },
  markComplete: function (element) {
    var badge = element.querySelector(".tdl-xblock-status");
    if (badge) badge.hidden = false;
    element.dispatchEvent(new CustomEvent("tdl:complete", { bubbles: true }));
  }
};
