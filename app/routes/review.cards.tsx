import { formatDate } from "~/utils/dates.ts";
import { requestLocale } from "~/utils/locale.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getContentIndex } from "~/content/index.server.ts";
import { browseDeck } from "~/review/browse.server.ts";
import { browseQuery, RECALL_FILTERS } from "~/review/forms.ts";
import { formatDifficulty, formatRecall, formatStability } from "~/review/memory.ts";
import { learnerPreferences } from "~/models/preferences.server.ts";
import { decodeWeights } from "~/models/json-columns.ts";
import { DataTable } from "~/components/data-table.tsx";
import { setCardSuspended } from "~/review/review.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { State } from "ts-fsrs";
import { Button, SelectField, TextField } from "~/components/form-controls.tsx";
import { MemoryExplanation } from "~/components/card-memory.tsx";

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
  const locale = requestLocale(request);
  const user = await requireUser(request);
  const query = browseQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const now = new Date();
  const weights = decodeWeights((await learnerPreferences(user.id)).fsrsWeights);
  const { cards, total } = await browseDeck(
    user.id,
    {
      filter: {
        domains: query.deck ? [query.deck] : null,
        state: query.state && query.state !== "suspended" ? STATES[query.state] : undefined,
        suspended: query.state === "suspended" ? true : undefined,
        q: query.q || undefined,
      },
      recallBelow: query.recall ? Number(query.recall) / 100 : undefined,
      order: { sort: query.sort, dir: query.dir },
      take: PAGE_SIZE,
      skip: (query.page - 1) * PAGE_SIZE,
    },
    weights,
    now,
  );
  return {
    query,
    total,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    domains: getContentIndex().domains.map((d) => ({ id: d.id, name: d.name })),
    cards: cards.map(({ card: c, memory }) => {
      return {
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
        due: formatDate(c.due, user.timeZone, "date", locale),
        lapses: c.lapses,
        memory: memory
          ? {
              difficulty: formatDifficulty(memory.difficulty),
              stability: formatStability(memory.stability),
              recall: formatRecall(memory.recall),
            }
          : null,
      };
    }),
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

type Query = ReturnType<typeof useLoaderData<typeof loader>>["query"];
type SortKey = Query["sort"];

function browseLink(query: Query, change: Partial<Query>) {
  const next = { ...query, ...change };
  const p = new URLSearchParams();
  if (next.deck) p.set("deck", next.deck);
  if (next.state) p.set("state", next.state);
  if (next.q) p.set("q", next.q);
  if (next.recall) p.set("recall", next.recall);
  if (next.sort !== "due") p.set("sort", next.sort);
  if (next.dir !== "asc") p.set("dir", next.dir);
  p.set("page", String(next.page));
  return `?${p}`;
}

// What "ascending" means per column, in words: the first click shows the cards needing the most
// attention (hardest, weakest, least recalled, due soonest).
const SORTS: Record<SortKey, { label: string; first: "asc" | "desc"; asc: string; desc: string }> = {
  due: { label: "Due", first: "asc", asc: "soonest first", desc: "latest first" },
  difficulty: { label: "Difficulty", first: "desc", asc: "easiest first", desc: "hardest first" },
  stability: { label: "Stability", first: "asc", asc: "weakest first", desc: "strongest first" },
  recall: { label: "Recall now", first: "asc", asc: "lowest first", desc: "highest first" },
};

function SortHeader({ query, sort }: { query: Query; sort: SortKey }) {
  const spec = SORTS[sort];
  const active = query.sort === sort;
  const nextDir = active ? (query.dir === "asc" ? "desc" : "asc") : spec.first;
  return (
    <Link
      to={browseLink(query, { sort, dir: nextDir, page: 1 })}
      aria-label={`Sort by ${spec.label.toLowerCase()}, ${spec[nextDir]}`}
      className="whitespace-nowrap"
    >
      {spec.label}
      {active ? <span aria-hidden="true">{query.dir === "asc" ? " ▲" : " ▼"}</span> : null}
    </Link>
  );
}

export default function BrowseCards() {
  const { query, total, pages, domains, cards } = useLoaderData<typeof loader>();
  const sortState = (sort: SortKey) =>
    query.sort === sort ? (query.dir === "asc" ? ("ascending" as const) : ("descending" as const)) : undefined;
  const sortColumn = (sort: SortKey) => ({
    header: <SortHeader query={query} sort={sort} />,
    ariaSort: sortState(sort),
  });
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
        <SelectField
          wrapperClassName=""
          name="recall"
          label="Recall below"
          defaultValue={query.recall ?? ""}
          options={[{ value: "", label: "Any recall" }, ...RECALL_FILTERS.map((r) => ({ value: r, label: `${r}%` }))]}
        />
        <TextField
          wrapperClassName="min-w-48 flex-1"
          name="q"
          label="Search text"
          type="search"
          defaultValue={query.q ?? ""}
          maxLength={100}
        />
        {query.sort !== "due" ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.dir !== "asc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
        <Button>Show cards</Button>
      </Form>
      <p aria-live="polite" id="cards-count">
        {total} card{total === 1 ? "" : "s"}
        {query.sort !== "due" || query.dir !== "asc"
          ? `, ${SORTS[query.sort].label.toLowerCase()} ${SORTS[query.sort][query.dir]}`
          : ""}
      </p>
      <details className="text-sm">
        <summary className="cursor-pointer">What do difficulty, stability and recall mean?</summary>
        <MemoryExplanation />
      </details>
      {cards.length ? (
        <DataTable
          caption="Your cards"
          regionLabelledBy="cards-count"
          rows={cards}
          rowKey={(c) => c.id}
          columns={[
            "Card",
            sortColumn("difficulty"),
            sortColumn("stability"),
            sortColumn("recall"),
            sortColumn("due"),
            { header: <span className="sr-only">Actions</span> },
          ]}
          cells={(c) => [
            <div key="card" className="min-w-48 max-w-md">
              <p className="font-semibold whitespace-pre-line">{c.front}</p>
              <p className="text-sm whitespace-pre-line text-muted">{c.back}</p>
              <p className="mt-1 text-sm">
                {c.domainId} · {c.state}
                {c.suspended ? " · suspended" : ""} · {c.lapses} lapses
              </p>
            </div>,
            c.memory?.difficulty ?? <NotYet key="d" />,
            c.memory?.stability ?? <NotYet key="s" />,
            c.memory?.recall ?? <NotYet key="r" />,
            <span key="due" className="whitespace-nowrap">
              {c.due}
            </span>,
            <Form key="act" method="post">
              <input type="hidden" name="cardId" value={c.id} />
              <input type="hidden" name="suspended" value={c.suspended ? "false" : "true"} />
              <Button variant="secondary">{c.suspended ? "Unsuspend" : "Suspend"}</Button>
            </Form>,
          ]}
        />
      ) : null}
      {pages > 1 ? (
        <nav aria-label="Pages" className="flex gap-2">
          {query.page > 1 ? (
            <Link to={browseLink(query, { page: query.page - 1 })} className="btn-secondary">
              Previous page
            </Link>
          ) : null}
          <span className="self-center">
            Page {query.page} of {pages}
          </span>
          {query.page < pages ? (
            <Link to={browseLink(query, { page: query.page + 1 })} className="btn-secondary">
              Next page
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

const NotYet = () => (
  <span className="text-muted">
    <span aria-hidden="true">–</span>
    <span className="sr-only">not studied yet</span>
  </span>
);
