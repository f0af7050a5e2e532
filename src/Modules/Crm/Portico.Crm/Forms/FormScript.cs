using System.Text.Json;

namespace Portico.Crm.Forms;

/// <summary>
/// The embeddable script, <c>/forms/{key}.js</c> (the host rewrites that address to this endpoint): placed on any
/// page, it fetches the form's definition from the server it came from and renders an accessible form right after
/// its own script tag (or into the element named by <c>data-target</c>). Texts are set with <c>textContent</c>,
/// never parsed as HTML, so nothing a tenant or a visitor typed can run on the site.
/// </summary>
internal static class FormScript
{
    internal sealed class Handler(PublicForms forms)
    {
        /// <summary>The script for the form, or null when there is no such enabled form.</summary>
        public async Task<string?> HandleAsync(string key, CancellationToken cancellationToken)
        {
            try
            {
                var form = await forms.EnterAsync(key, cancellationToken);
                return Template.Replace("__DEFINITION_PATH__", JsonSerializer.Serialize(FormEmbed.DefinitionPath(form.Key)), StringComparison.Ordinal);
            }
            catch (NotFoundException)
            {
                return null;
            }
        }
    }

    internal static void Map(IEndpointRouteBuilder api) => api
        .MapGet("/public/forms/{formKey}/embed.js", async Task<ContentHttpResult> (string formKey, Handler handler, HttpContext http, CancellationToken ct) =>
        {
            if (await handler.HandleAsync(formKey, ct) is not { } script)
            {
                return TypedResults.Content("/* Portico: no such form. Check the form key in the embed code. */\n", "application/javascript; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
            }

            http.Response.Headers.CacheControl = "public, max-age=300";
            return TypedResults.Content(script, "application/javascript; charset=utf-8");
        })
        .AllowAnonymous()
        .WithFormCors()
        .WithTags("Public")
        .WithName("GetWebFormScript")
        .WithSummary("The script that renders a web form on any page (also served as /forms/{formKey}.js)");

    // Plain ES2017, no dependencies. The definition path is the only value put into it, JSON-encoded.
    private const string Template = """
        (function () {
          "use strict";
          var script = document.currentScript;
          if (!script || !script.src) { return; }
          var definitionUrl = new URL(__DEFINITION_PATH__, script.src).href;
          var words = {
            en: { failed: "The form could not be sent. Please try again.", unavailable: "The form is not available right now.", sending: "Sending…" },
            ru: { failed: "Не удалось отправить форму. Попробуйте ещё раз.", unavailable: "Форма сейчас недоступна.", sending: "Отправка…" }
          };
          var host = document.createElement("div");
          host.className = "portico-form";
          var target = script.getAttribute("data-target");
          var container = target ? document.querySelector(target) : null;
          if (container) { container.appendChild(host); } else { script.parentNode.insertBefore(host, script.nextSibling); }
          var uid = "portico-form-" + Math.random().toString(36).slice(2, 10);

          function make(tag, className, text) {
            var node = document.createElement(tag);
            if (className) { node.className = className; }
            if (text !== undefined && text !== null) { node.textContent = String(text); }
            return node;
          }

          function control(field, id) {
            var input;
            if (field.type === "textarea") {
              input = make("textarea");
              input.rows = 4;
            } else if (field.type === "select") {
              input = make("select");
              var empty = make("option", null, field.placeholder || "");
              empty.value = "";
              input.appendChild(empty);
              (field.options || []).forEach(function (choice) {
                var option = make("option", null, choice);
                option.value = choice;
                input.appendChild(option);
              });
            } else {
              input = make("input");
              input.type = { email: "email", phone: "tel", checkbox: "checkbox", number: "number" }[field.type] || "text";
              if (field.type === "email") { input.autocomplete = "email"; }
              if (field.type === "phone") { input.autocomplete = "tel"; }
              if (field.type === "number") { input.step = "any"; }
            }
            input.id = id;
            input.name = field.name;
            if (field.required) { input.required = true; input.setAttribute("aria-required", "true"); }
            if (field.placeholder && field.type !== "select" && field.type !== "checkbox") { input.placeholder = field.placeholder; }
            return input;
          }

          function render(definition) {
            var text = words[definition.locale] || words.en;
            var form = make("form", "portico-form-form");
            form.noValidate = true;
            if (definition.title) {
              var heading = make("h3", "portico-form-title", definition.title);
              heading.id = uid + "-title";
              form.setAttribute("aria-labelledby", heading.id);
              form.appendChild(heading);
            }

            var inputs = {};
            function addRow(name, input, label, checkbox) {
              var row = make("div", "portico-form-row");
              row.style.margin = "0 0 12px";
              var error = make("div", "portico-form-error");
              error.id = input.id + "-error";
              error.style.color = "#b00020";
              input.setAttribute("aria-describedby", error.id);
              label.htmlFor = input.id;
              if (checkbox) {
                row.appendChild(input);
                label.style.marginLeft = "6px";
                row.appendChild(label);
              } else {
                label.style.display = "block";
                input.style.display = "block";
                input.style.width = "100%";
                input.style.boxSizing = "border-box";
                row.appendChild(label);
                row.appendChild(input);
              }
              row.appendChild(error);
              form.appendChild(row);
              inputs[name] = { input: input, error: error };
            }

            (definition.fields || []).forEach(function (field) {
              var input = control(field, uid + "-" + field.name);
              addRow("fields." + field.name, input, make("label", "portico-form-label", field.label + (field.required ? " *" : "")), field.type === "checkbox");
            });

            var consent = null;
            if (definition.consentText) {
              consent = make("input");
              consent.type = "checkbox";
              consent.id = uid + "-consent";
              consent.name = "consent";
              consent.required = true;
              consent.setAttribute("aria-required", "true");
              addRow("consent", consent, make("label", "portico-form-label", definition.consentText + " *"), true);
            }

            // Off-screen, out of the tab order and hidden from assistive technology: only a bot fills it in.
            var trap = make("div");
            trap.setAttribute("aria-hidden", "true");
            trap.style.position = "absolute";
            trap.style.left = "-10000px";
            trap.style.top = "auto";
            trap.style.width = "1px";
            trap.style.height = "1px";
            trap.style.overflow = "hidden";
            var honeypot = make("input");
            honeypot.type = "text";
            honeypot.name = definition.honeypotField || "website";
            honeypot.tabIndex = -1;
            honeypot.autocomplete = "off";
            var trapLabel = make("label", null, "Website");
            trapLabel.appendChild(honeypot);
            trap.appendChild(trapLabel);
            form.appendChild(trap);

            var status = make("div", "portico-form-status");
            status.setAttribute("role", "status");
            status.setAttribute("aria-live", "polite");
            var button = make("button", "portico-form-submit", definition.submitLabel);
            button.type = "submit";
            form.appendChild(button);
            form.appendChild(status);

            form.addEventListener("submit", function (event) {
              event.preventDefault();
              Object.keys(inputs).forEach(function (name) {
                inputs[name].error.textContent = "";
                inputs[name].input.removeAttribute("aria-invalid");
              });
              status.textContent = text.sending;
              button.disabled = true;
              var fields = {};
              (definition.fields || []).forEach(function (field) {
                var input = inputs["fields." + field.name].input;
                fields[field.name] = field.type === "checkbox" ? input.checked : input.value;
              });
              var body = { fields: fields, consent: consent ? consent.checked : false, startedToken: definition.startedToken, website: honeypot.value };
              fetch(new URL(definition.submissionUrl, definitionUrl).href, {
                method: "POST",
                credentials: "omit",
                headers: { "Content-Type": "application/json" },
                body: JSON.stringify(body)
              }).then(function (response) {
                return response.json().catch(function () { return {}; }).then(function (answer) {
                  if (response.ok) {
                    var thanks = make("p", "portico-form-thanks", answer.message);
                    thanks.setAttribute("role", "status");
                    host.replaceChildren(thanks);
                    return;
                  }
                  button.disabled = false;
                  var general = [];
                  var first = null;
                  Object.keys(answer.errors || {}).forEach(function (name) {
                    var message = [].concat(answer.errors[name]).join(" ");
                    if (inputs[name]) {
                      inputs[name].error.textContent = message;
                      inputs[name].input.setAttribute("aria-invalid", "true");
                      first = first || inputs[name].input;
                    } else {
                      general.push(message);
                    }
                  });
                  status.textContent = general.length ? general.join(" ") : (first ? "" : (answer.detail || text.failed));
                  if (first) { first.focus(); }
                });
              }).catch(function () {
                button.disabled = false;
                status.textContent = text.failed;
              });
            });

            host.replaceChildren(form);
          }

          fetch(definitionUrl, { credentials: "omit" })
            .then(function (response) { if (!response.ok) { throw new Error(String(response.status)); } return response.json(); })
            .then(render)
            .catch(function () { host.replaceChildren(make("p", "portico-form-status", words.en.unavailable)); });
        })();

        """;
}
