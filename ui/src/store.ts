// What the window holds between actions, in one typed place; the events panels
// announce; and the context every panel is wired with.
import type { OverviewDto, SensitivityDto, WerkprogrammaDto } from './api';
import type { createMap } from './map';

/** Map layers the legend switches on and off. */
export type Toggle = 'buildings' | 'listings' | 'outline' | 'municipalities' | 'congestion';

export interface Store {
  /** The open project as Rust last described it. */
  overview: OverviewDto | null;
  /** The site shown in the detail panel. */
  selected: number | null;
  sensitivity: SensitivityDto | null;
  /** Sites chosen in the list to compare (2–4) or put in the werkprogramma. */
  chosen: Set<number>;
  /** The sites of the comparison on screen, for its export. */
  compared: number[];
  lastWp: WerkprogrammaDto | null;
  importing: boolean;
  /** Numbers list requests: an answer to an older request is dropped. */
  listRequest: number;
  visible: Record<Toggle, boolean>;
  /** Named overlay layers switched off in the legend. */
  hiddenOverlays: Set<string>;
}

export function createStore(): Store {
  return {
    overview: null,
    selected: null,
    sensitivity: null,
    chosen: new Set(),
    compared: [],
    lastWp: null,
    importing: false,
    listRequest: 0,
    // The congestion areas cover the score colours: shown when asked for.
    visible: { buildings: true, listings: true, outline: true, municipalities: true, congestion: false },
    hiddenOverlays: new Set(),
  };
}

/** What a panel announces, with what it says. A panel that cares subscribes
 * (wired in start.ts) instead of being imported by the one that announces, so no
 * two panels form an import circle. */
export interface Events {
  /** A site was picked: in the list, on the map or as a listing's linked parcel.
   * `zoom` flies the map to it; `announced` (default) reads it out. */
  picked: { index: number; zoom: boolean; announced?: boolean };
  /** The detail panel now shows site `index`. */
  'detail-shown': number;
  /** Flags were set or imported. */
  'flags-changed': undefined;
}

type Handler<K extends keyof Events> = (payload: Events[K]) => void | Promise<unknown>;

export interface Bus {
  on<K extends keyof Events>(name: K, handler: Handler<K>): void;
  /** Calls every handler of `name` at once, in the order they subscribed; settles
   * when all have, and fails when one does. */
  emit<K extends keyof Events>(name: K, ...payload: Events[K] extends undefined ? [] : [Events[K]]): Promise<void>;
}

export function createBus(): Bus {
  const handlers = new Map<keyof Events, ((payload: never) => void | Promise<unknown>)[]>();
  return {
    on(name, handler) {
      handlers.set(name, [...(handlers.get(name) ?? []), handler]);
    },
    async emit(name, ...payload) {
      const all = (handlers.get(name) ?? []) as Handler<typeof name>[];
      await Promise.all(all.map((h) => h(payload[0] as Events[typeof name])));
    },
  };
}

/** The store, the events and the map: what every panel function is given. */
export interface Ctx extends Bus {
  s: Store;
  map: ReturnType<typeof createMap>;
}
