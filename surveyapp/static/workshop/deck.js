/* The workshop presentation: keyboard navigation, a slide counter and full screen.
   Progressive enhancement only: without this file the deck is a scrollable page with a table of
   contents. Keys: Right/Down/Page Down/Space next, Left/Up/Page Up previous, Home first, End
   last, F full screen. No requests, no inline styles (the CSP allows none). */
(function () {
  "use strict";

  var slides = Array.prototype.slice.call(document.querySelectorAll("section.slide"));
  if (!slides.length) {
    return;
  }
  var bar = document.querySelector("[data-deck-bar]");
  var counter = document.querySelector("[data-counter-template]");
  var fullScreenButton = document.querySelector("[data-full-screen]");
  var help = document.querySelectorAll("[data-deck-help]");
  var current = -1;
  var settle = null;
  var steeringUntil = 0; /* while a move we started is still scrolling, scrolling says nothing */

  function nearest() {
    var best = 0;
    var bestDistance = Infinity;
    slides.forEach(function (slide, index) {
      var distance = Math.abs(slide.getBoundingClientRect().top);
      if (distance < bestDistance) {
        best = index;
        bestDistance = distance;
      }
    });
    return best;
  }

  function update(index) {
    if (index === current) {
      return;
    }
    current = index;
    if (counter) {
      counter.textContent = counter.getAttribute("data-counter-template")
        .replace("{current}", String(index + 1))
        .replace("{total}", String(slides.length));
    }
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "#" + slides[index].id);
    }
  }

  function go(index) {
    var target = Math.max(0, Math.min(slides.length - 1, index));
    steeringUntil = Date.now() + 1000;
    slides[target].scrollIntoView({ block: "start" });
    slides[target].focus({ preventScroll: true });
    update(target);
  }

  function toggleFullScreen() {
    var root = document.documentElement;
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else if (root.requestFullscreen) {
      root.requestFullscreen().catch(function () { /* refused: stay as we are */ });
    }
  }

  function typing(element) {
    if (!element || !element.tagName) {
      return false;
    }
    var name = element.tagName.toLowerCase();
    return name === "input" || name === "textarea" || name === "select" || element.isContentEditable;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) {
      return;
    }
    var active = document.activeElement;
    var onControl = active && /^(a|button|summary)$/i.test(active.tagName);
    var index = current < 0 ? nearest() : current;
    switch (event.key) {
      case "ArrowRight":
      case "ArrowDown":
      case "PageDown":
        go(index + 1);
        break;
      case " ":
        if (onControl) {
          return; /* Space activates the focused link, button or disclosure */
        }
        go(event.shiftKey ? index - 1 : index + 1);
        break;
      case "ArrowLeft":
      case "ArrowUp":
      case "PageUp":
        go(index - 1);
        break;
      case "Home":
        go(0);
        break;
      case "End":
        go(slides.length - 1);
        break;
      case "f":
      case "F":
        toggleFullScreen();
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  window.addEventListener("scroll", function () {
    window.clearTimeout(settle);
    settle = window.setTimeout(function () {
      if (Date.now() >= steeringUntil) {
        update(nearest()); /* the reader scrolled or used the contents */
      }
    }, 150);
  }, { passive: true });

  if (fullScreenButton) {
    if (document.fullscreenEnabled) {
      fullScreenButton.addEventListener("click", toggleFullScreen);
    } else {
      fullScreenButton.hidden = true;
    }
  }
  Array.prototype.forEach.call(help, function (element) {
    element.hidden = false;
  });
  if (bar) {
    bar.hidden = false;
  }
  update(nearest());
}());
