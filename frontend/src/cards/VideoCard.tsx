/**
 * A video on the board (an animation): its poster until played, then the video in place, with captions when the
 * render has WebVTT. Nothing plays by itself: a video with narration must never start talking on a board that
 * is merely opened. Only the metadata is fetched up front (its length for the counter); the frames load on play.
 */

import { useEffect, useRef, useState } from "react";

import { captionsFile, posterFile, videoFiles } from "../board/files";
import { useManifest } from "../board/manifests";
import { clock } from "../components/format";
import { CardHeader } from "./CardHeader";

const PlayIcon = () => (
  <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
    <path d="M4 2.5v11l9-5.5z" fill="currentColor" />
  </svg>
);

const PauseIcon = () => (
  <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
    <path d="M4 2.5h3v11H4zM9 2.5h3v11H9z" fill="currentColor" />
  </svg>
);

export function VideoCard({ renderId, modality }: { renderId: string; modality: string }) {
  const { manifest, error } = useManifest(renderId);
  const video = useRef<HTMLVideoElement>(null);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(Number.NaN);
  const [captionsOn, setCaptionsOn] = useState(true);
  const captions = manifest ? captionsFile(manifest) : undefined;

  // The track element's `default` shows captions at first; the toggle sets the mode after that.
  useEffect(() => {
    const track = video.current?.textTracks[0];
    if (track) track.mode = captionsOn ? "showing" : "hidden";
  }, [captionsOn, captions]);

  if (!manifest) {
    return (
      <div className="card card-video" data-testid="video-card">
        <CardHeader modality={modality} title={error ? "Video unavailable" : "Loading video…"} />
        {error && <p className="card-error">{error}</p>}
      </div>
    );
  }

  const poster = posterFile(manifest);
  const sources = videoFiles(manifest);
  const toggle = () => {
    const v = video.current;
    if (!v) return;
    if (v.paused) void v.play().catch(() => setPlaying(false));
    else v.pause();
  };
  return (
    <div className="card card-video" data-testid="video-card" data-render-id={renderId}>
      <CardHeader modality={manifest.modality} title={manifest.title} />
      <div className="video-stage">
        <video
          ref={video}
          poster={poster?.url}
          preload="metadata"
          playsInline
          aria-label={`Video: ${manifest.title}`}
          onClick={toggle}
          onPlay={() => setPlaying(true)}
          onPause={() => setPlaying(false)}
          onEnded={() => setPlaying(false)}
          onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
          onLoadedMetadata={(e) => setDuration(e.currentTarget.duration)}
          onDurationChange={(e) => setDuration(e.currentTarget.duration)}
        >
          {sources.map((f) => (
            <source key={f.name} src={f.url} type={f.media_type} />
          ))}
          {captions && <track kind="captions" src={captions.url} label="Captions" default />}
        </video>
      </div>
      <div className="card-footer">
        <button type="button" className="icon" aria-label={playing ? "Pause" : "Play"} data-testid="video-play" onClick={toggle}>
          {playing ? <PauseIcon /> : <PlayIcon />}
        </button>
        <input
          type="range"
          className="video-seek"
          aria-label="Position in the video"
          min={0}
          max={Number.isFinite(duration) ? duration : 0}
          step="any"
          value={Math.min(time, Number.isFinite(duration) ? duration : 0)}
          disabled={!Number.isFinite(duration)}
          onChange={(e) => {
            const v = video.current;
            if (v) v.currentTime = Number(e.target.value);
          }}
        />
        <span className="slide-counter" data-testid="video-time">
          {clock(time)} / {clock(duration)}
        </span>
        {captions && (
          <button type="button" className="secondary captions-toggle" aria-pressed={captionsOn} onClick={() => setCaptionsOn(!captionsOn)}>
            CC
          </button>
        )}
      </div>
    </div>
  );
}
