// What the window holds between actions, in one typed place, and the context
// every panel is wired with.
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

/** The store and the map: what every panel function is given. */
export interface Ctx {
  s: Store;
  map: ReturnType<typeof createMap>;
}
