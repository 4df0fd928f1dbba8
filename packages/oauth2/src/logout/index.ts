export { startLogout, finishLogout, endBrowserAuthSession } from './start.ts';
export { getLogoutRequest, acceptLogoutRequest, rejectLogoutRequest, type LogoutRequestView } from './challenge.ts';
export { endAuthSession, backchannelNotices, type BackchannelNotice } from './backchannel.ts';
