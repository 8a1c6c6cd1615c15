#!/usr/bin/env bash
# Kills a tiny training run with SIGKILL at 10 random moments, resumes it each time with --resume until it finishes,
# and checks that every run ends with exactly the final dev loss and BLEU of an uninterrupted run of the same
# configuration and seed. Prints one verdict line; exit code 0 when all 10 match.
#   usage: scripts/kill-resume.sh [trials]
set -uo pipefail
cd "$(dirname "$0")/.."
trials=${1:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build -c Release src/Train -v quiet -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 2; }
app=(dotnet "$(pwd)/src/Train/bin/Release/net10.0/Seq2Seq.Train.dll")
data=$(pwd)/data/sample-parallel

head -n 400 "$data/train.tsv" > "$work/train.tsv"
head -n 40 "$data/dev.tsv" > "$work/dev.tsv"
cat > "$work/tiny.json" <<JSON
{
  "name": "tiny", "seed": 7, "threads": 1, "runsDirectory": "runs",
  "data": { "train": { "tsv": "train.tsv" }, "dev": { "tsv": "dev.tsv" }, "merges": 300, "maxLength": 40 },
  "models": [
    { "name": "rnn", "type": "rnn", "rnn": { "embeddingSize": 32, "hiddenSize": 48, "attentionSize": 32 },
      "training": { "batchSentences": 16, "maxSteps": 120, "validateEvery": 40, "checkpointEvery": 5, "logEvery": 10 } },
    { "name": "transformer", "type": "transformer",
      "transformer": { "modelSize": 32, "heads": 2, "encoderLayers": 1, "decoderLayers": 1, "feedForwardSize": 64 },
      "training": { "batchSentences": 16, "maxSteps": 120, "validateEvery": 40, "checkpointEvery": 5, "logEvery": 10,
                    "schedule": { "kind": "inverse-sqrt", "warmupSteps": 20 } } }
  ]
}
JSON

# The final dev scores of each model: the last dev row of metrics.csv per model (dev loss and BLEU).
final_scores() { awk -F, '$5 != "" { last[$2] = $5 " " $7 } END { for (m in last) print m, last[m] }' "$1/metrics.csv" | sort; }

cd "$work"
start=$(date +%s%N)
"${app[@]}" --config tiny.json > reference.log 2>&1 || { cat reference.log; exit 2; }
duration=$(( ($(date +%s%N) - start) / 1000000 ))   # milliseconds
reference=$(final_scores "$(ls -d runs/tiny-* | head -n 1)")
rm -rf runs

matched=0
kills=0
for trial in $(seq 1 "$trials"); do
  rm -rf runs
  delay=$(awk -v seed="$RANDOM" -v ms="$duration" 'BEGIN { srand(seed); printf "%.2f", 0.5 + rand() * ms / 1000 }')
  "${app[@]}" --config tiny.json > "trial$trial.log" 2>&1 &
  pid=$!
  sleep "$delay"
  if kill -9 "$pid" 2> /dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2> /dev/null
  run=$(ls -d runs/tiny-* 2> /dev/null | head -n 1)
  if [ -z "$run" ]; then   # killed before the run folder existed: nothing to resume, start again
    "${app[@]}" --config tiny.json >> "trial$trial.log" 2>&1
    run=$(ls -d runs/tiny-* | head -n 1)
  else
    until "${app[@]}" --resume "$run" >> "trial$trial.log" 2>&1; do :; done
  fi
  if [ "$(final_scores "$run")" == "$reference" ]; then matched=$((matched + 1)); else
    echo "trial $trial (killed after ${delay}s): $(final_scores "$run" | tr '\n' ';') vs reference $(echo "$reference" | tr '\n' ';')" >&2
  fi
done

verdict=$([ "$matched" -eq "$trials" ] && echo PASS || echo FAIL)
echo "$verdict: $matched of $trials runs killed with SIGKILL at random moments ($kills while running) and resumed ended with the uninterrupted run's final dev loss and BLEU ($(echo "$reference" | tr '\n' ';' | sed 's/;$//'))"
[ "$verdict" == PASS ]
