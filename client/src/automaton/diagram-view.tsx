// The state diagram drawn as SVG from its layout (diagram-layout.ts): boxes, dots, edges with
// their labels. The selected object's current state is highlighted and the transition it just
// took is marked, briefly animated. Every text is an SVG text node (Preact escapes it); the same
// diagram is also given as text below, for screen readers and for copying.
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { Automaton } from '../../../lab/automaton/automaton-types.js';
import { describeTransition } from '../../../lab/automaton/describe.js';
import { useI18n } from '../i18n/use-i18n.js';
import { zm } from './automaton-messages.js';
import { FONT, LINE, layoutDiagram, type DiagramEdge, type DiagramNode } from './diagram-layout.js';
import type { TakenTransition } from './objects-store.js';

export interface DiagramViewProps {
  automaton: Automaton;
  currentStateId: string | null;
  taken: TakenTransition | null;
}

function NodeBox({ node, current, lang }: { node: DiagramNode; current: boolean; lang: 'ru' | 'en' }) {
  const cls = `zd-node zd-${node.kind}${current ? ' is-current' : ''}`;
  if (node.kind !== 'state') {
    const r = node.width / 2;
    return (
      <g class={cls} data-state={node.id} data-kind={node.kind} transform={`translate(${node.x},${node.y})`}>
        <title>{node.kind === 'init' ? zm.diagram.init[lang] : zm.diagram.final[lang]}</title>
        {node.kind === 'final' ? <circle class="zd-ring" r={r - 1} /> : null}
        <circle class="zd-dot" r={node.kind === 'final' ? r - 6 : r - 1} />
      </g>
    );
  }
  const left = -node.width / 2;
  const top = -node.height / 2;
  const exitAt = node.actions.findIndex((a) => a.phase === 'onexit');
  let y = top + 8 + LINE.name;
  const lines: JSX.Element[] = [];
  node.actions.forEach((action, i) => {
    if (i === exitAt) {
      y += LINE.action;
      lines.push(
        <text class="zd-phase" x={left + 12} y={y - 4} font-size={FONT.action - 1} key="exit">
          {zm.diagram.onExit[lang]}
        </text>,
      );
    }
    y += LINE.action;
    lines.push(
      <g key={`${action.phase}-${action.index}`}>
        <title>{action.title}</title>
        <text class={`zd-action zd-action-${action.kind}`} x={left + 12} y={y - 4} font-size={FONT.action} data-action={action.kind} data-phase={action.phase}>
          <tspan class="zd-icon">{action.icon}</tspan> {action.label}
        </text>
      </g>,
    );
  });
  return (
    <g class={cls} data-state={node.id} data-kind="state" data-name={node.name} transform={`translate(${node.x},${node.y})`}>
      <title>{current ? `${node.name} — ${zm.diagram.current[lang]}` : node.name}</title>
      {current ? <rect class="zd-halo" x={left - 5} y={top - 5} width={node.width + 10} height={node.height + 10} rx={12} /> : null}
      <rect class="zd-box" x={left} y={top} width={node.width} height={node.height} rx={8} />
      <text class="zd-name" x={left + 12} y={top + 8 + LINE.name - 6} font-size={FONT.name}>
        {node.name}
      </text>
      {node.actions.length > 0 ? <line class="zd-sep" x1={left} x2={left + node.width} y1={top + 8 + LINE.name} y2={top + 8 + LINE.name} /> : null}
      {lines}
    </g>
  );
}

function EdgeLine({ edge, taken }: { edge: DiagramEdge; taken: boolean }) {
  return (
    <g class={`zd-edge${taken ? ' is-taken' : ''}`} data-transition={edge.id} data-from={edge.from} data-to={edge.to} data-taken={taken ? 'true' : undefined}>
      <title>{edge.text}</title>
      <path class="zd-edge-line" d={edge.path} marker-end={taken ? 'url(#zd-arrow-taken)' : 'url(#zd-arrow)'} />
    </g>
  );
}

function EdgeLabel({ edge, taken }: { edge: DiagramEdge; taken: boolean }) {
  const { x, y, width, height } = edge.label;
  const top = y - height / 2;
  return (
    <g class={`zd-label${taken ? ' is-taken' : ''}`} data-transition={edge.id}>
      <rect x={x - width / 2} y={top} width={width} height={height} rx={4} />
      <text x={x} y={top + 3} font-size={FONT.label} text-anchor="middle">
        {edge.lines.map((line, i) => (
          <tspan x={x} dy={i === 0 ? LINE.label - 3 : LINE.label} key={i}>
            {line}
          </tspan>
        ))}
      </text>
    </g>
  );
}

export function DiagramView({ automaton, currentStateId, taken }: DiagramViewProps) {
  const { tr, lang } = useI18n();
  const layout = useMemo(() => layoutDiagram(automaton, lang), [automaton, lang]);
  const names = new Map(
    automaton.states.map((s) => [s.id, s.type === 'init' ? tr(zm.diagram.init) : s.type === 'final' ? tr(zm.diagram.final) : s.name || s.id]),
  );
  const takenId = taken && automaton.transitions.some((t) => t.id === taken.transitionId) ? taken.transitionId : null;
  const label = tr(zm.diagram.label)(automaton.name);
  // Fitted to its column by default; a large automaton can be read at its own size, scrolled.
  const [full, setFull] = useState(false);
  return (
    <figure
      class="zd"
      data-testid="diagram"
      data-current-state={currentStateId ?? undefined}
      data-taken={takenId ?? undefined}
      data-zoom={full ? 'full' : 'fit'}
    >
      <div class="zd-tools">
        <button type="button" class="btn btn-small" aria-pressed={full} onClick={() => setFull(!full)} data-testid="diagram-zoom">
          {full ? tr(zm.diagram.fit) : tr(zm.diagram.actualSize)}
        </button>
      </div>
      <div class={`zd-canvas${full ? ' is-full' : ''}`} tabIndex={full ? 0 : undefined} aria-label={full ? label : undefined}>
        <svg
          class="zd-svg"
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          width={layout.width}
          height={layout.height}
          role="img"
          aria-label={label}
          xmlns="http://www.w3.org/2000/svg"
        >
          <defs>
            <marker
              id="zd-arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerUnits="userSpaceOnUse"
              markerWidth="10"
              markerHeight="10"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" class="zd-arrowhead" />
            </marker>
            <marker
              id="zd-arrow-taken"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerUnits="userSpaceOnUse"
              markerWidth="12"
              markerHeight="12"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" class="zd-arrowhead is-taken" />
            </marker>
          </defs>
          {layout.edges.map((edge) => (
            // Keyed by the count of transitions seen: a new one restarts the animation.
            <EdgeLine edge={edge} taken={edge.id === takenId} key={edge.id === takenId ? `${edge.id}-${taken!.n}` : edge.id} />
          ))}
          {layout.nodes.map((node) => (
            <NodeBox node={node} current={node.id === currentStateId} lang={lang} key={node.id} />
          ))}
          {layout.edges.map((edge) => (
            <EdgeLabel edge={edge} taken={edge.id === takenId} key={edge.id === takenId ? `${edge.id}-${taken!.n}` : edge.id} />
          ))}
        </svg>
      </div>
      <figcaption class="zd-legend small muted">
        <span class="zd-key zd-key-current" aria-hidden="true" /> {tr(zm.diagram.current)}
        <span class="zd-key zd-key-taken" aria-hidden="true" /> {tr(zm.diagram.lastTaken)}
        <span class="zd-keys">
          ✉ {tr(zm.action.kinds['send-email'])} · ✆ SMS · ✈ Telegram · ✦ Discord · ⚑ {tr(zm.action.kinds['push-message'])} · ◷{' '}
          {tr(zm.action.kinds['timer-start'])} · ✎ {tr(zm.action.kinds['change-value'])} · ⚙ {tr(zm.action.kinds['device-command'])}
        </span>
      </figcaption>
      <details class="zd-text">
        <summary>{tr(zm.diagram.asText)}</summary>
        <ul data-testid="diagram-text">
          {layout.nodes
            .filter((n) => n.kind === 'state')
            .map((n) => (
              <li key={`s-${n.id}`} data-state={n.id} aria-current={n.id === currentStateId ? 'true' : undefined}>
                {tr(zm.diagram.stateLine)(n.name, n.actions.length > 0 ? n.actions.map((a) => a.title).join('; ') : tr(zm.diagram.noActions))}
                {n.id === currentStateId ? ` (${tr(zm.diagram.current)})` : ''}
              </li>
            ))}
          {automaton.transitions.map((t) => (
            <li key={`t-${t.id}`} data-transition={t.id}>
              {tr(zm.diagram.transitionLine)(names.get(t.from) ?? t.from, names.get(t.to) ?? t.to, tr(describeTransition(t)))}
            </li>
          ))}
        </ul>
      </details>
    </figure>
  );
}
