// `GET /verify`: any credentials that reached a handler are good ones (the simulator accepts any
// non-blank token and secret), so it names the workspace.
import { api } from "../wire/hal.js";
import type { Handler } from "./types.js";

export const verifyCredentials: Handler = ({ workspace, facts }) => ({
  status: 200,
  body: {
    workspace: workspace.account,
    workspace_token: facts.workspaceToken,
    _links: { self: api(`/${workspace.account}`) },
  },
});
