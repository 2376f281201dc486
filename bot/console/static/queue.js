// The queue refreshes every 5 s so a new case shows without a reload.
setInterval(() => { if (!document.hidden) window.location.reload(); }, 5000);
