//! Submitted form values and the GOV.UK form components that render them back with their errors,
//! so a page with a mistake shows everything the user typed.

use hearth_domain::errors::ValidationErrors;
use maud::{html, Markup};

/// Urlencoded form fields in order (repeated names allowed, e.g. checkboxes).
#[derive(Debug, Clone, Default)]
pub struct FormData(pub Vec<(String, String)>);

impl FormData {
    /// Reads a urlencoded body or query string strictly: every name and value must be UTF-8
    /// text Hearth can store (see [`crate::text_input`]); nothing is ever silently replaced.
    pub fn try_parse(body: &[u8]) -> Result<Self, crate::text_input::Refusal> {
        crate::text_input::decode_pairs(body, &crate::text_input::Place::FieldName).map(Self)
    }

    /// Reads a urlencoded body or query string. The `text_input::clean` middleware has already
    /// refused (with a 400 naming the field) any request whose query or body is not valid UTF-8
    /// or holds a control character, so through the router this never fails; should it be
    /// called on text that was not checked, a faulty form reads as empty (the page then asks
    /// for its fields again) rather than with characters silently replaced.
    pub fn parse(body: &[u8]) -> Self {
        Self::try_parse(body).unwrap_or_default()
    }
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }
    pub fn opt(&self, name: &str) -> Option<String> {
        let v = self.get(name).trim();
        (!v.is_empty()).then(|| v.to_string())
    }
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
    pub fn checked(&self, name: &str) -> bool {
        !self.get(name).is_empty()
    }
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        self.0.retain(|(k, _)| k != name);
        self.0.push((name.to_string(), value.into()));
    }
    pub fn push(&mut self, name: &str, value: impl Into<String>) {
        self.0.push((name.to_string(), value.into()));
    }
    /// `name-day`, `name-month`, `name-year` as an ISO date string (unchecked), or `None` if blank.
    pub fn date(&self, name: &str) -> Option<String> {
        let d = self.get(&format!("{name}-day")).trim().to_string();
        let m = self.get(&format!("{name}-month")).trim().to_string();
        let y = self.get(&format!("{name}-year")).trim().to_string();
        if d.is_empty() && m.is_empty() && y.is_empty() {
            return None;
        }
        Some(format!("{y}-{m:0>2}-{d:0>2}"))
    }
    /// Sets the three date parts from an ISO date.
    pub fn set_date(&mut self, name: &str, iso: Option<chrono::NaiveDate>) {
        if let Some(d) = iso {
            use chrono::Datelike;
            self.set(&format!("{name}-day"), d.day().to_string());
            self.set(&format!("{name}-month"), d.month().to_string());
            self.set(&format!("{name}-year"), d.year().to_string());
        }
    }
}

/// The element id for a field ("address.line1" -> "address-line1",
/// "other_children[1].child_sex" -> "other_children-1-child_sex").
pub fn field_id(name: &str) -> String {
    name.replace(['.', '['], "-").replace(']', "")
}

/// Where the error summary should link for a field (date inputs link to their day box).
pub fn anchor_for(date_fields: &'static [&'static str]) -> impl Fn(&str) -> String {
    move |f: &str| {
        if date_fields.contains(&f) {
            format!("{}-day", field_id(f))
        } else {
            field_id(f)
        }
    }
}

fn error_message(id: &str, errs: &ValidationErrors, name: &str) -> Markup {
    html! {
        @if let Some(e) = errs.for_field(name) {
            p id={ (id) "-error" } class="govuk-error-message" { span class="govuk-visually-hidden" { "Error: " } (e.message) }
        }
    }
}

pub struct Input<'a> {
    pub name: &'a str,
    pub label: &'a str,
    pub hint: Option<&'a str>,
    pub class: &'a str,
    pub kind: &'a str,
    pub autocomplete: Option<&'a str>,
}

impl<'a> Input<'a> {
    pub fn new(name: &'a str, label: &'a str) -> Self {
        Self {
            name,
            label,
            hint: None,
            class: "",
            kind: "text",
            autocomplete: None,
        }
    }
    pub fn hint(mut self, h: &'a str) -> Self {
        self.hint = Some(h);
        self
    }
    pub fn class(mut self, c: &'a str) -> Self {
        self.class = c;
        self
    }
    pub fn kind(mut self, k: &'a str) -> Self {
        self.kind = k;
        self
    }
    pub fn autocomplete(mut self, a: &'a str) -> Self {
        self.autocomplete = Some(a);
        self
    }

    pub fn render(&self, form: &FormData, errs: &ValidationErrors) -> Markup {
        let id = field_id(self.name);
        let err = errs.for_field(self.name).is_some();
        let described = describedby(&id, self.hint.is_some(), err);
        html! {
            div class={ "govuk-form-group" @if err { " govuk-form-group--error" } } {
                label class="govuk-label" for=(id) { (self.label) }
                @if let Some(h) = self.hint { div id={ (id) "-hint" } class="govuk-hint" { (h) } }
                (error_message(&id, errs, self.name))
                input class={ "govuk-input " (self.class) @if err { " govuk-input--error" } } id=(id) name=(self.name)
                    type=(self.kind) value=(form.get(self.name)) aria-describedby=[described] autocomplete=[self.autocomplete]
                    spellcheck="false";
            }
        }
    }
}

fn describedby(id: &str, hint: bool, err: bool) -> Option<String> {
    let mut v = Vec::new();
    if hint {
        v.push(format!("{id}-hint"));
    }
    if err {
        v.push(format!("{id}-error"));
    }
    (!v.is_empty()).then(|| v.join(" "))
}

pub fn date_input(
    name: &str,
    legend: &str,
    hint: &str,
    form: &FormData,
    errs: &ValidationErrors,
) -> Markup {
    let id = field_id(name);
    let err = errs.for_field(name).is_some();
    html! {
        div class={ "govuk-form-group" @if err { " govuk-form-group--error" } } {
            fieldset class="govuk-fieldset" role="group" aria-describedby=[describedby(&id, true, err)] {
                legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { (legend) }
                div id={ (id) "-hint" } class="govuk-hint" { (hint) }
                (error_message(&id, errs, name))
                div class="govuk-date-input" id=(id) {
                    @for (part, label, width) in [("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4)] {
                        div class="govuk-date-input__item" {
                            div class="govuk-form-group" {
                                label class="govuk-label govuk-date-input__label" for={ (id) "-" (part) } { (label) }
                                input class={ "govuk-input govuk-date-input__input govuk-input--width-" (width) @if err { " govuk-input--error" } }
                                    id={ (id) "-" (part) } name={ (name) "-" (part) } type="text" inputmode="numeric"
                                    value=(form.get(&format!("{name}-{part}")));
                            }
                        }
                    }
                }
            }
        }
    }
}

pub fn select(
    name: &str,
    label: &str,
    options: &[(&str, &str)],
    form: &FormData,
    errs: &ValidationErrors,
) -> Markup {
    let id = field_id(name);
    let err = errs.for_field(name).is_some();
    let current = form.get(name);
    html! {
        div class={ "govuk-form-group" @if err { " govuk-form-group--error" } } {
            label class="govuk-label" for=(id) { (label) }
            (error_message(&id, errs, name))
            select class={ "govuk-select" @if err { " govuk-select--error" } } id=(id) name=(name) aria-describedby=[describedby(&id, false, err)] {
                option value="" { "Select one" }
                @for (code, text) in options {
                    option value=(code) selected[*code == current] { (text) }
                }
            }
        }
    }
}

pub fn choices(
    kind: &str,
    name: &str,
    legend: &str,
    hint: Option<&str>,
    options: &[(&str, &str)],
    form: &FormData,
    errs: &ValidationErrors,
) -> Markup {
    let id = field_id(name);
    let err = errs.for_field(name).is_some();
    let selected = form.all(name);
    let group = if kind == "radio" {
        "govuk-radios"
    } else {
        "govuk-checkboxes"
    };
    html! {
        div class={ "govuk-form-group" @if err { " govuk-form-group--error" } } {
            fieldset class="govuk-fieldset" aria-describedby=[describedby(&id, hint.is_some(), err)] {
                legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { (legend) }
                @if let Some(h) = hint { div id={ (id) "-hint" } class="govuk-hint" { (h) } }
                (error_message(&id, errs, name))
                div class={ (group) " govuk-" (if kind == "radio" { "radios" } else { "checkboxes" }) "--small" } data-module=(group) id=(id) {
                    @for (i, (code, text)) in options.iter().enumerate() {
                        @let item_id = if i == 0 { id.clone() + "-0" } else { format!("{id}-{i}") };
                        div class={ (group) "__item" } {
                            input class={ (group) "__input" } id=(item_id) name=(name) type=(kind) value=(code) checked[selected.iter().any(|s| s == code)];
                            label class={ "govuk-label " (group) "__label" } for=(item_id) { (text) }
                        }
                    }
                }
            }
        }
    }
}

pub fn textarea(
    name: &str,
    label: &str,
    hint: Option<&str>,
    form: &FormData,
    errs: &ValidationErrors,
) -> Markup {
    let id = field_id(name);
    let err = errs.for_field(name).is_some();
    html! {
        div class={ "govuk-form-group" @if err { " govuk-form-group--error" } } {
            label class="govuk-label" for=(id) { (label) }
            @if let Some(h) = hint { div id={ (id) "-hint" } class="govuk-hint" { (h) } }
            (error_message(&id, errs, name))
            textarea class={ "govuk-textarea" @if err { " govuk-textarea--error" } } id=(id) name=(name) rows="4" aria-describedby=[describedby(&id, hint.is_some(), err)] { (form.get(name)) }
        }
    }
}

/// How staff read a census code in a list to choose from: the words first, the code in brackets
/// after ("White British (WBRI)"). Partners are shown the words alone.
pub fn words_then_code(label: &str, code: &str) -> String {
    format!("{label} ({code})")
}

pub fn csrf(token: Option<&String>) -> Markup {
    html! { input type="hidden" name="_csrf" value=(token.cloned().unwrap_or_default()); }
}
