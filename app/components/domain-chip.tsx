// A domain's name in its colour (app/content/domain-colors.ts): the same chip on the lessons
// list, lesson pages, search results and score reports. The name is the text, so colour is
// never the only cue.
export function DomainChip({ id, name, className = "" }: { id: string; name: string; className?: string }) {
  return (
    <span data-domain={id} className={`domain-chip ${className}`}>
      <span aria-hidden="true" className="size-2 flex-none rounded-full bg-current" />
      <span className="truncate">{name}</span>
    </span>
  );
}
