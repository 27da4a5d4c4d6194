import {
  createContext,
  useContext,
  useEffect,
  useEffectEvent,
  useState,
  type ReactNode,
} from 'react';
import type { Socket } from 'socket.io-client';
import { connectLive, type LiveStatus } from './socket.js';

export interface Live {
  socket: Socket | null;
  status: LiveStatus;
  /** Grows on every (re)connect; effects depending on it reload their snapshot. */
  epoch: number;
}

/** Exported for tests, which provide a status without a server. */
export const LiveContext = createContext<Live>({ socket: null, status: 'connecting', epoch: 0 });

/** Opens the socket for a token; a new token (login, logout) opens a new one. */
export interface LiveProviderProps {
  token: string | null;
  /** Called when the socket's handshake refuses the token. */
  onUnauthorized?: () => void;
  children: ReactNode;
}

export function LiveProvider({ token, onUnauthorized, children }: LiveProviderProps) {
  const [live, setLive] = useState<Live>({ socket: null, status: 'connecting', epoch: 0 });
  // Effect events read the latest props when the socket calls back, without reopening it.
  const currentToken = useEffectEvent(() => token);
  const unauthorized = useEffectEvent(() => onUnauthorized?.());
  useEffect(() => {
    const socket = connectLive({
      token: () => currentToken(),
      onStatus: (status) => setLive((current) => ({ ...current, status })),
      onConnected: () => setLive((current) => ({ ...current, epoch: current.epoch + 1 })),
      onUnauthorized: () => unauthorized(),
    });
    // The socket is what this effect opens: consumers need it to subscribe, one render per token.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- publishing the external resource this effect created
    setLive((current) => ({ ...current, socket }));
    return () => {
      socket.disconnect();
    };
  }, [token]);
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

export const useLive = (): Live => useContext(LiveContext);

/** Subscribes to one socket event for the lifetime of the component. */
export function useSocketEvent<T>(event: string, handler: (payload: T) => void): void {
  const { socket } = useLive();
  // The listener calls the latest handler without resubscribing on every render.
  const onEvent = useEffectEvent(handler);
  useEffect(() => {
    if (!socket) return;
    const listener = (payload: T) => onEvent(payload);
    socket.on(event, listener);
    return () => {
      socket.off(event, listener);
    };
  }, [socket, event]);
}
