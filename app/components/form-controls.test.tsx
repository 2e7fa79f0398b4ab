// The kit's aria wiring, read from server-rendered markup (no DOM environment needed).
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import {
  Button,
  CheckboxField,
  CheckboxGroup,
  ErrorSummary,
  RadioGroup,
  SelectField,
  TextareaField,
  TextField,
} from "~/components/form-controls.tsx";

const html = (node: ReactElement) => renderToStaticMarkup(node);

describe("form controls", () => {
  it("TextField: label for its id; hint and errors describe it; invalid only with errors", () => {
    const ok = html(<TextField name="email" label="Email" hint="We never share it." />);
    expect(ok).toContain('<label for="email" class="field-label">Email</label>');
    expect(ok).toContain('id="email"');
    expect(ok).toContain('aria-describedby="email-hint"');
    expect(ok).not.toContain("aria-invalid");

    const bad = html(<TextField name="email" label="Email" hint="We never share it." errors={["Enter an email."]} />);
    expect(bad).toContain('aria-invalid="true"');
    expect(bad).toContain('aria-describedby="email-hint email-error"');
    expect(bad).toContain('<p id="email-error" class="field-error">Enter an email.</p>');
  });

  it("TextField keeps an explicit id and extra classes after field-input", () => {
    const out = html(<TextField name="q" id="search-q" label="Search" className="w-40" errors={["Too long."]} />);
    expect(out).toContain('for="search-q"');
    expect(out).toContain('class="field-input w-40"');
    expect(out).toContain('aria-describedby="search-q-error"');
  });

  it("SelectField and TextareaField wire label, errors and options", () => {
    const select = html(
      <SelectField
        name="deck"
        label="Deck"
        options={[
          { value: "", label: "All decks" },
          { value: "law", label: "Law" },
        ]}
        errors={["Choose a deck."]}
      />,
    );
    expect(select).toContain('<label for="deck" class="field-label">Deck</label>');
    expect(select).toMatch(
      /<select id="deck" name="deck" class="field-input" aria-invalid="true" aria-describedby="deck-error"/,
    );
    expect(select).toContain('<option value="law">Law</option>');

    const textarea = html(<TextareaField name="front" label="Front" hint="A prompt." />);
    expect(textarea).toContain('<label for="front" class="field-label">Front</label>');
    expect(textarea).toMatch(/<textarea id="front" name="front" class="field-input" aria-describedby="front-hint"/);
  });

  it("RadioGroup: a fieldset with a legend; hint and errors describe the fieldset", () => {
    const out = html(
      <RadioGroup
        name="mode"
        legend="Mode"
        hint="Pick one."
        defaultValue="exam"
        options={[
          { value: "tutor", label: "Tutor" },
          { value: "exam", label: "Exam" },
        ]}
        errors={["Choose a mode."]}
      />,
    );
    expect(out).toMatch(/^<fieldset id="mode" aria-invalid="true" aria-describedby="mode-hint mode-error">/);
    expect(out).toContain('<legend class="field-label">Mode</legend>');
    expect(out).toContain('<input type="radio" name="mode" class="h-5 w-5" checked="" value="exam"/>Exam');
    expect(out).toContain('<p id="mode-error" class="field-error">Choose a mode.</p>');
  });

  it("CheckboxGroup and CheckboxField put the label after the box", () => {
    const group = html(
      <CheckboxGroup
        name="weekdays"
        legend="Days"
        options={[
          { value: "1", label: "Monday", defaultChecked: true },
          { value: "2", label: "Tuesday" },
        ]}
      />,
    );
    expect(group).toContain('<input type="checkbox" name="weekdays" class="h-5 w-5" checked="" value="1"/>Monday');
    expect(group).not.toContain("aria-describedby");

    const box = html(<CheckboxField name="timed" label="Timed" hint="One minute a question." errors={["No."]} />);
    expect(box).toMatch(
      /<label class="[^"]*"><input type="checkbox" name="timed" class="h-5 w-5"[^>]*\/>Timed<\/label>/,
    );
    expect(box).toContain('aria-describedby="timed-hint timed-error"');
    expect(box).toContain('aria-invalid="true"');
  });

  it("Button is a submit button in the app's classes", () => {
    expect(html(<Button>Save</Button>)).toBe('<button type="submit" class="btn-primary">Save</button>');
    expect(
      html(
        <Button variant="secondary" className="w-full">
          Back
        </Button>,
      ),
    ).toBe('<button type="submit" class="btn-secondary w-full">Back</button>');
    expect(
      html(
        <Button variant="danger" type="button">
          Delete
        </Button>,
      ),
    ).toBe('<button type="button" class="btn-danger">Delete</button>');
  });

  it("ErrorSummary links to each field with an error, in form order, labelled as the field", () => {
    const out = html(
      <ErrorSummary
        message="The question was not saved."
        fieldErrors={{ password: ["Too short."], email: ["Enter an email."], name: undefined, answer: [] }}
        labels={{ name: "Your name", email: "Email", password: "Password" }}
        ids={{ password: "new-password" }}
      />,
    );
    expect(out).toMatch(/^<div role="alert"/);
    expect(out).toContain("There is a problem");
    expect(out).toContain("The question was not saved.");
    expect(out.indexOf('href="#email"')).toBeGreaterThan(0);
    expect(out.indexOf('href="#new-password"')).toBeGreaterThan(out.indexOf('href="#email"'));
    expect(out).toContain(">Email</a>");
    expect(out).not.toContain('href="#name"');
    expect(out).not.toContain('href="#answer"');
  });

  it("ErrorSummary without field errors is the plain form message, or nothing", () => {
    expect(html(<ErrorSummary message="Email or password is incorrect." labels={{}} />)).toMatch(
      /^<div role="alert" class="[^"]*">Email or password is incorrect.<\/div>$/,
    );
    expect(html(<ErrorSummary fieldErrors={{ email: [] }} labels={{ email: "Email" }} />)).toBe("");
  });
});
