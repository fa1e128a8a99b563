'use strict';

// Chat: the answer arrives as Server-Sent Events, one 'token' event per piece of text (data: the piece
// as a JSON string, see TextEvents.java), then 'done', or 'failure' with a message. JSON keeps every
// character: plain 'data: <piece>' would lose a piece's leading space (the browser strips the one after
// 'data:') and split a piece at its line breaks. The answer is shown with white-space: pre-wrap.
const conversation = document.getElementById('conversation');
const chatForm = document.getElementById('chat-form');
const promptInput = document.getElementById('prompt');
const sendButton = document.getElementById('send');

function addMessage(role, text) {
  document.getElementById('conversation-empty')?.remove();
  const message = document.createElement('div');
  message.className = 'message ' + role;
  message.textContent = text;
  conversation.appendChild(message);
  conversation.scrollTop = conversation.scrollHeight;
  return message;
}

function ask(prompt) {
  addMessage('user', prompt);
  const answer = addMessage('assistant', '');
  answer.dataset.state = 'streaming';
  sendButton.disabled = true;
  const events = new EventSource('/api/chat/stream?prompt=' + encodeURIComponent(prompt));
  const finish = (state, problem) => {
    events.close();
    answer.dataset.state = state;
    if (problem) {
      answer.classList.add('failed');
      answer.textContent += (answer.textContent ? '\n' : '') + problem;
    }
    sendButton.disabled = false;
    promptInput.focus();
  };
  events.addEventListener('token', (event) => {
    answer.textContent += JSON.parse(event.data);
    conversation.scrollTop = conversation.scrollHeight;
  });
  events.addEventListener('done', () => finish('done'));
  events.addEventListener('failure', (event) => finish('failed', JSON.parse(event.data)));
  // the browser would reconnect and ask again; a broken connection ends the answer instead
  events.onerror = () => {
    if (answer.dataset.state === 'streaming') {
      finish('failed', 'The connection was lost.');
    }
  };
}

chatForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const prompt = promptInput.value.trim();
  if (prompt && !sendButton.disabled) {
    promptInput.value = '';
    ask(prompt);
  }
});

promptInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    chatForm.requestSubmit();
  }
});

// Summarise and classify: JSON in, JSON out; a failure answers {"error": "..."}.
async function postJson(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body)
  });
  const json = await response.json().catch(() => ({ error: 'HTTP ' + response.status }));
  if (!response.ok) {
    throw new Error(json.error || 'HTTP ' + response.status);
  }
  return json;
}

function busy(button, work) {
  button.disabled = true;
  return work().finally(() => { button.disabled = false; });
}

const summary = document.getElementById('summary');
document.getElementById('summary-form').addEventListener('submit', (event) => {
  event.preventDefault();
  busy(document.getElementById('summarize'), async () => {
    summary.hidden = false;
    summary.classList.remove('failed');
    summary.textContent = 'Summarising…';
    try {
      summary.textContent = (await postJson('/api/summarize', { text: document.getElementById('summary-text').value })).summary;
    } catch (error) {
      summary.classList.add('failed');
      summary.textContent = error.message;
    }
  });
});

const labels = document.getElementById('labels');
const preview = document.getElementById('preview');
preview.addEventListener('load', () => { preview.hidden = false; });
preview.addEventListener('error', () => { preview.hidden = true; });

function showLabels(list) {
  labels.replaceChildren(...list.map(({ label, score }) => {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = label;
    name.title = label;
    const bar = document.createElement('span');
    bar.className = 'bar';
    const fill = document.createElement('span');
    fill.style.width = Math.max(1, Math.round(score * 100)) + '%';
    bar.appendChild(fill);
    const value = document.createElement('span');
    value.className = 'score';
    value.textContent = (score * 100).toFixed(1) + '%';
    item.append(name, bar, value);
    return item;
  }));
}

document.getElementById('classify-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const url = document.getElementById('image-url').value.trim();
  busy(document.getElementById('classify'), async () => {
    preview.hidden = true;
    preview.src = url;
    try {
      showLabels((await postJson('/api/classify', { url })).labels);
    } catch (error) {
      const item = document.createElement('li');
      item.className = 'failed';
      item.textContent = error.message;
      labels.replaceChildren(item);
    }
  });
});

// Where the answers come from, and which models answer.
fetch('/api/info').then((response) => response.json()).then((info) => {
  document.getElementById('backend').textContent = 'Answers from: ' + info.backend;
  document.getElementById('chat-model').textContent = info.chatModel;
  document.getElementById('summary-model').textContent = info.summaryModel;
  document.getElementById('image-model').textContent = info.imageModel;
}).catch(() => {
  document.getElementById('backend').textContent = 'Backend unknown';
});
