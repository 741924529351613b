// A Collection (the API's space) as Mode sends it: its links point under `/collections/`, the
// spelling Mode's own answers use.
import type { SpaceRecord } from "../workspace/types.js";
import { api } from "./hal.js";

export function spaceBody(account: string, space: SpaceRecord): Record<string, unknown> {
  const at = `/${account}/collections/${space.token}`;
  return {
    token: space.token,
    id: space.id,
    space_type: space.spaceType,
    name: space.name,
    description: space.description,
    state: "active",
    restricted: false,
    free_default: space.spaceType === "community",
    "viewable?": true,
    default_access_level: "edit",
    _links: {
      self: api(at),
      detail: api(`${at}/detail`),
      web: { href: `/${account}/spaces/${space.token}` },
      reports: api(`${at}/reports`),
      creator: api(`/${space.creator}`),
    },
  };
}
