// The form kit: every labelled control the app renders, with its hint and errors wired to
// aria-describedby and aria-invalid, in the look of the field-* and btn-* utilities
// (app/tailwind.css). Routes pass the server's field errors straight in; ErrorSummary lists them
// at the top of a form with links to each field.
import type {
  ButtonHTMLAttributes,
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from "react";

export type FieldErrors = Record<string, string[] | undefined>;

const cx = (...classes: (string | false | null | undefined)[]) => classes.filter(Boolean).join(" ");

/** The ids a control is described by: its hint, its errors, and any the caller adds. */
function describe(id: string, hint: ReactNode, errors: string[] | undefined, extra?: string) {
  return cx(hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null, extra) || undefined;
}

function Hint({ id, hint }: { id: string; hint: ReactNode }) {
  return hint ? (
    <p id={`${id}-hint`} className="field-hint">
      {hint}
    </p>
  ) : null;
}

function ErrorText({ id, errors }: { id: string; errors: string[] | undefined }) {
  return errors?.length ? (
    <p id={`${id}-error`} className="field-error">
      {errors.join(" ")}
    </p>
  ) : null;
}

interface ControlProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  /** Classes of the wrapping div (default mb-4). */
  wrapperClassName?: string;
  labelClassName?: string;
}

interface TextFieldProps extends ControlProps, Omit<InputHTMLAttributes<HTMLInputElement>, "name"> {
  /** Extra classes of the input, after field-input. */
  className?: string;
}

type ShellKeys = keyof ControlProps | "id" | "className" | "aria-describedby";

/**
 * Splits a labelled control's props: the wiring for the control element (id, name, classes,
 * aria-invalid, aria-describedby), the rest of its own attributes, and `wrap`, which puts the
 * label above and the hint and errors below, the same for every text-like control.
 */
function labelled<P extends ControlProps & { id?: string; className?: string; "aria-describedby"?: string }>(props: P) {
  const {
    name,
    label,
    errors,
    hint,
    id = name,
    wrapperClassName = "mb-4",
    labelClassName = "field-label",
    className,
    "aria-describedby": extraDescribedBy,
    ...rest
  } = props;
  const control = {
    id,
    name,
    className: cx("field-input", className),
    "aria-invalid": errors?.length ? true : undefined,
    "aria-describedby": describe(id, hint, errors, extraDescribedBy),
  };
  const wrap = (element: ReactNode) => (
    <div className={wrapperClassName || undefined}>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      {element}
      <Hint id={id} hint={hint} />
      <ErrorText id={id} errors={errors} />
    </div>
  );
  return { control, rest: rest as Omit<P, ShellKeys>, wrap };
}

/** A labelled input with its hint and errors wired to aria-describedby. */
export function TextField(props: TextFieldProps) {
  const { control, rest, wrap } = labelled(props);
  return wrap(<input {...control} {...rest} />);
}

export interface SelectOption {
  value: string;
  label: ReactNode;
  disabled?: boolean;
}

interface SelectFieldProps extends ControlProps, Omit<SelectHTMLAttributes<HTMLSelectElement>, "name"> {
  /** The options; or pass <option>/<optgroup> children. */
  options?: SelectOption[];
  className?: string;
}

/** A labelled select: options as data or as children. */
export function SelectField(props: SelectFieldProps) {
  const { control, rest, wrap } = labelled(props);
  const { options, children, ...select } = rest;
  return wrap(
    <select {...control} {...select}>
      {options?.map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
      {children}
    </select>,
  );
}

interface TextareaFieldProps extends ControlProps, Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name"> {
  className?: string;
}

/** A labelled textarea. */
export function TextareaField(props: TextareaFieldProps) {
  const { control, rest, wrap } = labelled(props);
  return wrap(<textarea {...control} {...rest} />);
}

interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "type"> {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  /** Classes of the label that holds the box and its text. */
  labelClassName?: string;
}

/**
 * A checkbox with its label after the box. Without an id it gets none (the label wraps the
 * box, so it is still labelled); hint and errors then use `${name}` as their id stem.
 */
export function CheckboxField({
  name,
  label,
  hint,
  errors,
  id,
  labelClassName = "flex min-h-11 items-center gap-2",
  className = "h-5 w-5",
  "aria-describedby": extraDescribedBy,
  ...input
}: CheckboxFieldProps) {
  const stem = id ?? (input.value !== undefined ? `${name}-${String(input.value)}` : name);
  return (
    <>
      <label htmlFor={id} className={labelClassName}>
        <input
          type="checkbox"
          id={id}
          name={name}
          className={className}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describe(stem, hint, errors, extraDescribedBy)}
          {...input}
        />
        {label}
      </label>
      <Hint id={stem} hint={hint} />
      <ErrorText id={stem} errors={errors} />
    </>
  );
}

export interface ChoiceOption {
  value: string;
  label: ReactNode;
  disabled?: boolean;
  /** For checkbox groups: whether this box starts ticked. */
  defaultChecked?: boolean;
}

interface ChoiceGroupProps {
  name: string;
  legend: ReactNode;
  options: ChoiceOption[];
  hint?: ReactNode;
  errors?: string[];
  /** The fieldset's id, and the stem of its hint and error ids (default: name). */
  id?: string;
  className?: string;
  legendClassName?: string;
  /** Classes of the div around the options. */
  optionsClassName?: string;
  /** Classes of each option's label. */
  optionClassName?: string;
  inputClassName?: string;
  /** Shown after the options, inside their div (e.g. an extra box that belongs to the group). */
  children?: ReactNode;
  onChange?: (value: string, checked: boolean) => void;
  /** More ids that describe the group, after its hint and errors. */
  "aria-describedby"?: string;
}

function ChoiceGroup({
  type,
  name,
  legend,
  options,
  hint,
  errors,
  id = name,
  className,
  legendClassName = "field-label",
  optionsClassName,
  optionClassName = "flex min-h-11 items-center gap-2",
  inputClassName = "h-5 w-5",
  children,
  onChange,
  isChecked,
  "aria-describedby": extraDescribedBy,
}: ChoiceGroupProps & { type: "radio" | "checkbox"; isChecked: (o: ChoiceOption) => boolean | undefined }) {
  return (
    <fieldset
      id={id}
      className={className}
      aria-invalid={errors?.length ? true : undefined}
      aria-describedby={describe(id, hint, errors, extraDescribedBy)}
    >
      <legend className={legendClassName}>{legend}</legend>
      <Hint id={id} hint={hint} />
      <div className={optionsClassName}>
        {options.map((o) => (
          <label key={o.value} className={optionClassName}>
            <input
              type={type}
              name={name}
              value={o.value}
              disabled={o.disabled}
              defaultChecked={isChecked(o)}
              onChange={onChange ? (e) => onChange(o.value, e.currentTarget.checked) : undefined}
              className={inputClassName}
            />
            {o.label}
          </label>
        ))}
        {children}
      </div>
      <ErrorText id={id} errors={errors} />
    </fieldset>
  );
}

/** One choice of several: a fieldset with a legend, its hint and errors wired to the fieldset. */
export function RadioGroup({ defaultValue, ...props }: ChoiceGroupProps & { defaultValue?: string }) {
  return <ChoiceGroup type="radio" isChecked={(o) => o.value === defaultValue} {...props} />;
}

/** Any number of choices under one name (repeated checkboxes). */
export function CheckboxGroup({ defaultValues, ...props }: ChoiceGroupProps & { defaultValues?: string[] }) {
  return (
    <ChoiceGroup
      type="checkbox"
      isChecked={(o) => (defaultValues ? defaultValues.includes(o.value) : o.defaultChecked)}
      {...props}
    />
  );
}

const BUTTON_VARIANTS = { primary: "btn-primary", secondary: "btn-secondary", danger: "btn-danger" } as const;

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: keyof typeof BUTTON_VARIANTS;
}

/** A button in the app's look; a submit button unless told otherwise. */
export function Button({ variant = "primary", type = "submit", className, ...button }: ButtonProps) {
  return <button type={type} className={cx(BUTTON_VARIANTS[variant], className)} {...button} />;
}

const ALERT_BOX = "rounded-md border border-danger bg-danger-soft p-3 text-danger";

/** A form-level message (role=alert), e.g. "Email or password is incorrect." */
export function FormError({ message, className = "mb-4" }: { message?: string; className?: string }) {
  if (!message) return null;
  return (
    <div role="alert" className={cx(className, ALERT_BOX, "font-medium")}>
      {message}
    </div>
  );
}

/**
 * The errors of a whole form at its top (GOV.UK style): "There is a problem", the form-level
 * message if any, and a link to each field with an error (`#id`, labelled with the field's
 * label: the message itself stays next to the field). Without field errors it is a FormError.
 */
export function ErrorSummary({
  fieldErrors,
  labels,
  message,
  ids = {},
  className = "mb-4",
}: {
  fieldErrors?: FieldErrors;
  /** The visible label of each field, by name. */
  labels: Record<string, string>;
  message?: string;
  /** A field's id when it is not its name. */
  ids?: Record<string, string>;
  className?: string;
}) {
  const failed = Object.entries(fieldErrors ?? {}).filter(([, errors]) => errors?.length);
  if (!failed.length) return <FormError message={message} className={className} />;
  // In the order the fields appear in the form when the labels list them all.
  const order = Object.keys(labels);
  failed.sort(([a], [b]) => (order.indexOf(a) + 1 || Infinity) - (order.indexOf(b) + 1 || Infinity));
  return (
    <div role="alert" className={cx(className, ALERT_BOX)}>
      <h2 className="font-semibold">There is a problem</h2>
      {message ? <p className="font-medium">{message}</p> : null}
      <ul className="mt-1 list-disc pl-6">
        {failed.map(([name]) => (
          <li key={name}>
            <a href={`#${ids[name] ?? name}`} className="text-danger">
              {labels[name] ?? name}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
