import { formatDate } from "~/utils/dates.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getContentIndex } from "~/content/index.server.ts";
import { browseCards } from "~/models/review.server.ts";
import { browseQuery } from "~/review/forms.ts";
import { setCardSuspended } from "~/review/review.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { State } from "ts-fsrs";
import { Button, SelectField, TextField } from "~/components/form-controls.tsx";

export const meta: MetaFunction = () => [{ title: "Browse cards · Review · Charted" }];

const PAGE_SIZE = 50;
const STATES: Record<string, State> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
};
const STATE_NAMES: Record<State, string> = {
  [State.New]: "New",
  [State.Learning]: "Learning",
  [State.Review]: "Review",
  [State.Relearning]: "Relearning",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = browseQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [cards, total] = await browseCards(
    user.id,
    {
      domains: query.deck ? [query.deck] : null,
      state: query.state && query.state !== "suspended" ? STATES[query.state] : undefined,
      suspended: query.state === "suspended" ? true : undefined,
      q: query.q || undefined,
    },
    PAGE_SIZE,
    (query.page - 1) * PAGE_SIZE,
  );
  return {
    query,
    total,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    domains: getContentIndex().domains.map((d) => ({ id: d.id, name: d.name })),
    cards: cards.map((c) => ({
      id: c.id,
      front: c.contentCard?.front ?? c.front ?? "",
      // A missed question whose key a class of the learner withholds: not until it is out.
      back: c.keyHeld
        ? "Hidden until your class's assignment with this question shows its answers."
        : (c.contentCard?.back ?? c.back ?? ""),
      domainId: c.domainId,
      source: c.source,
      state: STATE_NAMES[c.state as State],
      suspended: c.suspended,
      due: formatDate(c.due, user.timeZone, "date"),
      lapses: c.lapses,
    })),
  };
}

const suspendForm = z.object({ cardId: z.string().regex(/^[a-z0-9]{20,32}$/), suspended: z.enum(["true", "false"]) });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = suspendForm.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) return data({ error: "That card could not be changed." }, { status: 400 });
  const ok = await setCardSuspended(user.id, form.data.cardId, form.data.suspended === "true");
  return ok ? { ok: true } : data({ error: "That card is not in your deck." }, { status: 404 });
}

export default function BrowseCards() {
  const { query, total, pages, domains, cards } = useLoaderData<typeof loader>();
  const pageLink = (page: number) => {
    const p = new URLSearchParams();
    if (query.deck) p.set("deck", query.deck);
    if (query.state) p.set("state", query.state);
    if (query.q) p.set("q", query.q);
    p.set("page", String(page));
    return `?${p}`;
  };
  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link to="/review">Review</Link> <span aria-hidden="true">›</span> Browse
      </nav>
      <h1 className="page-title">Your cards</h1>
      <p>Cards you have started, missed questions and your own cards. Content cards join once you study them.</p>
      <Form method="get" role="search" className="flex flex-wrap items-end gap-3">
        <SelectField
          wrapperClassName=""
          name="deck"
          label="Deck"
          defaultValue={query.deck ?? ""}
          options={[{ value: "", label: "All decks" }, ...domains.map((d) => ({ value: d.id, label: d.name }))]}
        />
        <SelectField
          wrapperClassName=""
          name="state"
          label="State"
          defaultValue={query.state ?? ""}
          options={[
            { value: "", label: "Any" },
            { value: "new", label: "New" },
            { value: "learning", label: "Learning" },
            { value: "review", label: "Review" },
            { value: "relearning", label: "Relearning" },
            { value: "suspended", label: "Suspended" },
          ]}
        />
        <TextField
          wrapperClassName="min-w-0 flex-1"
          name="q"
          label="Search text"
          type="search"
          defaultValue={query.q ?? ""}
          maxLength={100}
        />
        <Button>Show cards</Button>
      </Form>
      <p aria-live="polite">
        {total} card{total === 1 ? "" : "s"}
      </p>
      <ul className="space-y-2">
        {cards.map((c) => (
          <li key={c.id} className="card flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0 flex-1">
              <p className="font-semibold whitespace-pre-line">{c.front}</p>
              <p className="text-sm whitespace-pre-line text-muted">{c.back}</p>
              <p className="mt-1 text-sm">
                {c.domainId} · {c.state}
                {c.suspended ? " · suspended" : ""} · {c.lapses} lapses · due {c.due}
              </p>
            </div>
            <Form method="post">
              <input type="hidden" name="cardId" value={c.id} />
              <input type="hidden" name="suspended" value={c.suspended ? "false" : "true"} />
              <Button variant="secondary">{c.suspended ? "Unsuspend" : "Suspend"}</Button>
            </Form>
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <nav aria-label="Pages" className="flex gap-2">
          {query.page > 1 ? (
            <Link to={pageLink(query.page - 1)} className="btn-secondary">
              Previous page
            </Link>
          ) : null}
          <span className="self-center">
            Page {query.page} of {pages}
          </span>
          {query.page < pages ? (
            <Link to={pageLink(query.page + 1)} className="btn-secondary">
              Next page
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
